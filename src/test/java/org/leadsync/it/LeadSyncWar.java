package org.leadsync.it;

import java.io.File;
import java.net.URISyntaxException;
import org.apache.commons.csv.CSVFormat;
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

    /**
     * The shipped WAR plus what a test that runs inside Payara needs there: the test class itself, the HTTP client
     * it calls the app with, and the CSV parser (with its dependencies) it reads exports with.
     */
    public static WebArchive inContainer(Class<?> testClass) {
        return build()
                .addClasses(testClass, Http.class)
                .addAsLibraries(jarOf(CSVFormat.class), jarOf(org.apache.commons.io.IOUtils.class),
                        jarOf(org.apache.commons.codec.Charsets.class));
    }

    /** The jar a test library came from. */
    private static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
