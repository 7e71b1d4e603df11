package org.leadsync.sandbox.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leadsync.sandbox.Fault;
import org.leadsync.sandbox.FaultPlan;
import org.leadsync.sandbox.SandboxProblem;
import org.leadsync.sandbox.SandboxSystem;
import org.leadsync.sandbox.SeedRequest;
import org.leadsync.sandbox.TokenIssuer;

/** The admin resource's token expiry and armed-fault view, with the systems stood in for (no CDI, no HTTP). */
class SandboxAdminControlTest {

    /** A token endpoint that counts its expiries. */
    static final class Issuer implements TokenIssuer {
        final String name;
        int valid;
        int expiries;

        Issuer(String name, int valid) {
            this.name = name;
            this.valid = valid;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int expireIssuedTokens() {
            expiries++;
            int was = valid;
            valid = 0;
            return was;
        }
    }

    /** Just enough of CDI's Instance for the resource's forEach. */
    static final class Beans<T> implements Instance<T> {
        final List<T> beans;

        Beans(List<T> beans) {
            this.beans = beans;
        }

        @Override
        public Iterator<T> iterator() {
            return beans.iterator();
        }

        @Override
        public T get() {
            return beans.get(0);
        }

        @Override
        public Instance<T> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends T> Instance<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> Instance<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isUnsatisfied() {
            return beans.isEmpty();
        }

        @Override
        public boolean isAmbiguous() {
            return beans.size() > 1;
        }

        @Override
        public void destroy(T instance) {
        }

        @Override
        public Handle<T> getHandle() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Iterable<? extends Handle<T>> handles() {
            return new ArrayList<>();
        }
    }

    private final Issuer marketo = new Issuer("marketo", 1);
    private final Issuer dynamics = new Issuer("dynamics", 3);
    private final SandboxAdminResource admin = new SandboxAdminResource();

    SandboxAdminControlTest() {
        admin.tokenIssuers = new Beans<>(List.of(marketo, dynamics));
        admin.faults = new FaultPlan();
    }

    @Test
    void expireTokensExpiresBothSystemsAndSaysHowMany() {
        assertEquals(Map.of("marketo", Map.of("expired", 1), "dynamics", Map.of("expired", 3)), admin.expireTokens());
        assertEquals(Map.of("marketo", Map.of("expired", 0), "dynamics", Map.of("expired", 0)), admin.expireTokens());
        assertEquals(2, marketo.expiries);
        assertEquals(2, dynamics.expiries);
    }

    @Test
    void armedFaultsShowWhatIsLeftUntilUsedUp() {
        admin.faults.arm(new Fault("dynamics", 429, null, null, 2));
        admin.faults.arm(new Fault("marketo", null, null, 500L, 1));
        Map<String, Map<String, Object>> armed = admin.armedFaults();
        assertEquals(2, armed.get("dynamics").get("remaining"));
        assertEquals(429, armed.get("dynamics").get("status"));
        assertEquals(500L, armed.get("marketo").get("delayMs"), "a delay-only fault is a fault of its own");
        admin.faults.take("dynamics");
        assertEquals(1, admin.armedFaults().get("dynamics").get("remaining"));
        admin.faults.take("dynamics");
        admin.faults.take("marketo");
        assertTrue(admin.armedFaults().isEmpty());
        assertTrue(admin.faults.take("dynamics").isEmpty());
    }

    @Test
    void aDelayWithoutAFailureIsAcceptedAndAnEmptyFaultIsNot() {
        admin.systems = new Beans<>(List.of(system("dynamics")));
        assertEquals(204, admin.injectFault(new Fault("dynamics", null, null, 100L, 3)).getStatus());
        assertEquals(3, admin.armedFaults().get("dynamics").get("remaining"));
        assertThrows(SandboxProblem.class, () -> admin.injectFault(new Fault("dynamics", null, null, null, 3)));
        assertThrows(SandboxProblem.class, () -> admin.injectFault(new Fault("marketo", 503, null, null, 1)),
                "no such system deployed here");
    }

    private static SandboxSystem system(String name) {
        return new SandboxSystem() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void reset() {
            }

            @Override
            public void seed(SeedRequest request) {
            }

            @Override
            public Map<String, Object> stats() {
                return Map.of();
            }
        };
    }
}
