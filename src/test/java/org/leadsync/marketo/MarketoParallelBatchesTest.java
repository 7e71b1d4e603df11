package org.leadsync.marketo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadsync.connector.JsonFactory;
import org.leadsync.connector.ParallelBatches;
import org.leadsync.port.CallPriority;
import org.leadsync.port.RecordOutcome;

/** docs/sync-rules.md R21, Concurrency: the 300-record calls of one write go out together, each with the caller's priority. */
class MarketoParallelBatchesTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aWriteOf900Records_isThreeCallsInFlightAtOnce_outcomesInInputOrder_priorityCarried() {
        CyclicBarrier allThree = new CyclicBarrier(3); // passes only when the three calls are in flight together
        Set<CallPriority> priorities = ConcurrentHashMap.newKeySet();
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        MarketoConnector connector = connector(body -> {
            priorities.add(CallPriority.current());
            await(allThree);
            List<JsonObject> input = body.getJsonArray("input").getValuesAs(JsonObject.class);
            sizes.add(input.size());
            JsonArrayBuilder result = JsonFactory.JSON.createArrayBuilder();
            // the person id is the record's own number, so the order of the outcomes can be checked
            input.forEach(record -> result.add(JsonFactory.JSON.createObjectBuilder()
                    .add("id", record.getJsonNumber("n").longValue()).add("status", "created")));
            return JsonFactory.JSON.createObjectBuilder().add("success", true).add("result", result).build();
        }, 4);
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            records.add(Map.of("email", "p" + i + "@example.com", "n", i));
        }

        List<RecordOutcome> outcomes = CallPriority.BULK.during(() -> connector.createPersons(records));

        assertEquals(900, outcomes.size());
        for (int i = 0; i < 900; i++) {
            assertEquals(i, outcomes.get(i).index());
            assertEquals((long) i, outcomes.get(i).personId(), "outcome " + i + " belongs to record " + i);
        }
        assertEquals(List.of(300, 300, 300), sizes);
        assertEquals(Set.of(CallPriority.BULK), priorities, "the worker threads spend the caller's priority (R21, Daily cap)");
    }

    @Test
    void theParallelBatchesStayWithinMarketosConcurrentLimit() {
        MarketoConnector connector = new MarketoConnector();
        connector.parallelBatches = 11;
        assertThrows(IllegalArgumentException.class, connector::start);
    }

    private MarketoConnector connector(Function<JsonObject, JsonObject> syncLeads, int parallel) {
        MarketoApi api = (MarketoApi) Proxy.newProxyInstance(MarketoApi.class.getClassLoader(), new Class<?>[]{MarketoApi.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("syncLeads")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return syncLeads.apply((JsonObject) args[1]);
                });
        MarketoConnector connector = new MarketoConnector();
        connector.gateway = new MarketoGateway() {
            @Override
            JsonObject call(String what, Function<MarketoApi, Function<String, JsonObject>> request) {
                return request.apply(api).apply("Bearer test");
            }
        };
        connector.batches = new ParallelBatches(pool, parallel);
        return connector;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the batches were not in flight together", e);
        }
    }

    @Test
    void sequentialWithOneBatchAtATime() {
        List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        MarketoConnector connector = connector(body -> {
            threads.add(Thread.currentThread());
            JsonArrayBuilder result = JsonFactory.JSON.createArrayBuilder();
            body.getJsonArray("input").forEach(r -> result.add(JsonFactory.JSON.createObjectBuilder().add("id", 1).add("status", "updated")));
            return JsonFactory.JSON.createObjectBuilder().add("success", true).add("result", result).build();
        }, 1);
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 301; i++) {
            records.add(Map.of("id", i));
        }
        assertEquals(301, connector.upsert(records, SyncAction.UPDATE_ONLY, "id").size());
        assertTrue(threads.stream().allMatch(t -> t == Thread.currentThread()));
    }
}
