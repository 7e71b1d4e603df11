package org.leadsync.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR exactly as `mvn package` built it: integration tests deploy what ships, nothing assembled by hand. */
public final class LeadSyncWar {

    private LeadSyncWar() {
    }

    public static WebArchive build() {
        File war = new File("target/leadsync.war");
        if (!war.isFile()) {
            throw new IllegalStateException("target/leadsync.war is missing: run the tests through `mvn verify`");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }
}
