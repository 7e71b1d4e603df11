package org.leadsync.it;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The preamble every black-box integration test shares. Arquillian boots one Payara Micro per test class with
 * target/leadsync.war as shipped ({@link LeadSyncWar}), and the tests talk to it from this JVM over loopback HTTP.
 * Before each test they get, ready to use and closed afterwards:
 * <ul>
 * <li>{@link #base}, the deployment's URL, for clients of their own ({@link Http#anonymous}, {@link Http#viewer},
 * {@link Http#webhook(URL)});</li>
 * <li>{@link #http}, signed in as the admin (credentials: the failsafe execution's properties file, see Http);</li>
 * <li>{@link #vendors}, the tests' own hands on the sandbox's Marketo and Dynamics APIs;</li>
 * <li>{@link #sync}, the waits on the background cycle and on rows ({@link SyncWatch}).</li>
 * </ul>
 * A subclass states only its tests and what is specific to them. Which Payara configuration it gets (no cycle, or a
 * one-second cycle on H2 or PostgreSQL) is the failsafe execution that runs it (pom.xml). A Payara boot is the
 * expensive part of a run: tests that need the same configuration belong in the same class. Tests that must run
 * inside Payara with injected beans deploy the WAR with themselves added instead ({@link InContainerIT}).
 */
@ExtendWith(ArquillianExtension.class)
abstract class DeployedLeadSync {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return LeadSyncWar.build();
    }

    @ArquillianResource
    protected URL base;

    /** Signed in as the admin. */
    protected Http http;
    protected SandboxVendors vendors;
    protected SyncWatch sync;

    @BeforeEach
    final void openClients() {
        http = new Http(base);
        vendors = new SandboxVendors(base);
        sync = new SyncWatch(http);
    }

    @AfterEach
    final void closeClients() {
        http.close();
    }
}
