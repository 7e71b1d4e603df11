package org.leadsync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.bind.JsonbException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodyReadingTest {

    @Test
    void brokenOrTrailingJsonIsA400NamingTheBody() {
        for (String bad : new String[] {"{", "{} {}", "{\"a\":1,}", "nope", "[1,]"}) {
            ApiProblem problem = assertThrows(ApiProblem.class,
                    () -> JsonBodyReading.checkSyntax(bad.getBytes(StandardCharsets.UTF_8)), bad);
            assertEquals(400, problem.getResponse().getStatus());
            assertEquals("body", ((ApiError) problem.getResponse().getEntity()).details().get(0).field());
        }
        JsonBodyReading.checkSyntax("{\"leadId\": 1, \"tags\": [1, 2]}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unknownFieldsAndWrongTypesAreNamedWithoutJavaClassNames() {
        ApiError unknown = body(JsonBodyReading.shapeProblem(
                new JsonbException("Json property syncAz can not be mapped to a class class org.leadsync.X.")));
        assertEquals("syncAz", unknown.details().get(0).field());
        assertFalse(unknown.message().contains("org."), unknown.message());

        ApiError wrongType = body(JsonBodyReading.shapeProblem(new JsonbException(
                "Unable to deserialize property 'leadId' because of: Error deserialize JSON value into type: class java.lang.Long.")));
        assertEquals("leadId", wrongType.details().get(0).field());
        assertFalse(wrongType.message().contains("java."), wrongType.message());

        ApiError other = body(JsonBodyReading.shapeProblem(new JsonbException("Internal error: null")));
        assertEquals("body", other.details().get(0).field());
    }

    @Test
    void bodiesOverOneMebibyteAre413() {
        ApiProblem problem = assertThrows(ApiProblem.class,
                () -> JsonBodyReading.readAtMost(new ByteArrayInputStream(new byte[JsonBodyReading.MAX_BYTES + 1])));
        assertEquals(413, problem.getResponse().getStatus());
    }

    private static ApiError body(ApiProblem problem) {
        assertEquals(400, problem.getResponse().getStatus());
        return (ApiError) problem.getResponse().getEntity();
    }
}
