package org.leadsync.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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

    /**
     * What is still armed (GET /sandbox/admin/faults): per system, the fault and the calls it has left.
     * A system whose fault is used up is not listed.
     */
    public Map<String, Map<String, Object>> armed() {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        armed.forEach((system, current) -> {
            int left = current.remaining().get();
            if (left > 0) {
                Fault f = current.fault();
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("status", f.status());
                entry.put("marketoError", f.marketoError());
                entry.put("delayMs", f.delayMs());
                entry.put("count", f.times());
                entry.put("remaining", left);
                out.put(system, entry);
            }
        });
        return out;
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
