package org.leadsync.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CallPriorityTest {

    @Test
    void aThreadThatChoseNothingMakesIncrementalCalls() {
        assertEquals(CallPriority.INCREMENTAL, CallPriority.current());
    }

    @Test
    void theChosenPriorityHoldsInsideAndTheLastOneComesBackAfter() {
        AtomicReference<CallPriority> inner = new AtomicReference<>();
        CallPriority seen = CallPriority.BULK.during(() -> {
            CallPriority.FLOW_ACTION.during(() -> inner.set(CallPriority.current()));
            return CallPriority.current();
        });
        assertEquals(CallPriority.FLOW_ACTION, inner.get());
        assertEquals(CallPriority.BULK, seen);
        assertEquals(CallPriority.INCREMENTAL, CallPriority.current());
    }

    @Test
    void aFailureInsideStillRestoresThePriority() {
        assertThrows(IllegalStateException.class, () -> CallPriority.FLOW_ACTION.during(() -> {
            throw new IllegalStateException("vendor down");
        }));
        assertEquals(CallPriority.INCREMENTAL, CallPriority.current());
    }

    @Test
    void anotherThreadDoesNotInheritIt() throws InterruptedException {
        AtomicReference<CallPriority> other = new AtomicReference<>();
        CallPriority.FLOW_ACTION.during(() -> {
            Thread thread = new Thread(() -> other.set(CallPriority.current()));
            thread.start();
            try {
                thread.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(CallPriority.INCREMENTAL, other.get());
    }
}
