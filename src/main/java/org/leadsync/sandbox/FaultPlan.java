package org.leadsync.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The faults injected for each system; each emulator asks for one at the start of every call. */
@ApplicationScoped
public class FaultPlan {

    private record Armed(Fault fault, AtomicInteger remaining) {
    }

    private final Map<String, Armed> armed = new ConcurrentHashMap<>();

    public void arm(Fault fault) {
        armed.put(fault.system(), new Armed(fault, new AtomicInteger(fault.times())));
    }

    public void clear() {
        armed.clear();
    }

    public void clear(String system) {
        armed.remove(system);
    }

    /** The fault this call of `system` must suffer, if any is left; consumes one. */
    public Optional<Fault> take(String system) {
        Armed current = armed.get(system);
        if (current == null) {
            return Optional.empty();
        }
        if (current.remaining().getAndDecrement() <= 0) {
            armed.remove(system, current);
            return Optional.empty();
        }
        return Optional.of(current.fault());
    }
}
