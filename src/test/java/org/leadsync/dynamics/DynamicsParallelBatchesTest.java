package org.leadsync.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadsync.connector.ParallelBatches;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.DynamicsAttribute;
import org.leadsync.port.DynamicsWrite;
import org.leadsync.port.WriteOutcome;

/** docs/sync-rules.md R21, Concurrency: the $batch requests of one write go out together; outcomes keep the writes' order. */
class DynamicsParallelBatchesTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void threeBatchesInFlightAtOnce_outcomesInTheOrderOfTheWrites() {
        CyclicBarrier allThree = new CyclicBarrier(3);
        AtomicInteger batchesSent = new AtomicInteger();
        DynamicsConnector connector = connector(body -> {
            batchesSent.incrementAndGet();
            try {
                allThree.await(30, TimeUnit.SECONDS); // passes only when three $batch requests are in flight together
            } catch (Exception e) {
                throw new IllegalStateException("the batches were not in flight together", e);
            }
            StringBuilder answer = new StringBuilder();
            for (BatchBody.InnerRequest request : body.requests()) {
                // a refusal for lead "bad", success for the others
                boolean bad = request.url().contains("(bad)");
                answer.append("--batchresponse_t\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n")
                        .append(bad ? "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n\r\n"
                                + "{\"error\":{\"code\":\"0x80040265\",\"message\":\"Refused by a rule\"}}\r\n"
                                : "HTTP/1.1 204 No Content\r\n\r\n\r\n");
            }
            answer.append("--batchresponse_t--\r\n");
            return new DataverseTransport.Answer(200, answer.toString(), "multipart/mixed; boundary=batchresponse_t", null);
        }, 3);
        List<DynamicsWrite> writes = new ArrayList<>();
        for (String id : List.of("a", "b", "bad", "d", "e", "f")) {
            writes.add(DynamicsWrite.update(CrmEntity.LEAD, id, Map.of("lastname", "L-" + id)));
        }

        List<WriteOutcome> outcomes = connector.write(writes);

        assertEquals(3, batchesSent.get(), "six writes, two per $batch");
        assertEquals(List.of("a", "b", "bad", "d", "e", "f"), outcomes.stream().map(WriteOutcome::id).toList());
        assertEquals(List.of(true, true, false, true, true, true), outcomes.stream().map(WriteOutcome::succeeded).toList());
        assertEquals("0x80040265", outcomes.get(2).code());
    }

    @Test
    void theParallelBatchesStayWithinDataversesConcurrentLimit() {
        DynamicsConnector connector = new DynamicsConnector();
        connector.parallelBatches = 53;
        assertThrows(IllegalArgumentException.class, connector::start);
        connector.parallelBatches = 0;
        assertThrows(IllegalArgumentException.class, connector::start);
        assertTrue(DynamicsConnector.VENDOR_CONCURRENT_LIMIT == 52);
    }

    private DynamicsConnector connector(Function<BatchBody, DataverseTransport.Answer> batch, int parallel) {
        BatchBody[] sent = new BatchBody[1];
        DataverseApi api = (DataverseApi) Proxy.newProxyInstance(DataverseApi.class.getClassLoader(), new Class<?>[]{DataverseApi.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("batch")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });
        DynamicsConnector connector = new DynamicsConnector();
        connector.transport = new DataverseTransport() {
            @Override
            public Answer send(String what, Function<DataverseApi, Response> call) {
                // the proxy captures the body the connector built for this very call
                BatchBody[] body = new BatchBody[1];
                DataverseApi capturing = (DataverseApi) Proxy.newProxyInstance(DataverseApi.class.getClassLoader(),
                        new Class<?>[]{DataverseApi.class}, (proxy, method, args) -> {
                            body[0] = (BatchBody) args[1];
                            return method.invoke(api, args);
                        });
                call.apply(capturing);
                return batch.apply(body[0]);
            }
        };
        connector.batchSize = 2;
        connector.catalogue.put(CrmEntity.LEAD, List.of(
                new DynamicsAttribute("lastname", "String", "Text", 50, "ApplicationRequired", true, true, null, null)));
        connector.batches = new ParallelBatches(pool, parallel);
        return connector;
    }
}
