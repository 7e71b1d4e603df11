package org.leadsync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.leadsync.activity.SyncErrorQuery;

class SyncErrorParametersTest {

    @Test
    void emptyParametersMeanNoFilterAndTheDefaultLimit() {
        SyncErrorQuery query = SyncErrorParameters.of(null, "", null, null);
        assertNull(query.since());
        assertNull(query.direction());
        assertNull(query.errorCode());
        assertEquals(SyncErrorParameters.DEFAULT_LIMIT, query.limit());
    }

    @Test
    void validParametersAreKept() {
        SyncErrorQuery query = SyncErrorParameters.of("2026-11-25T11:00:00+01:00", "to-marketo", "required", "1000");
        assertEquals(Instant.parse("2026-11-25T10:00:00Z"), query.since());
        assertEquals("to-marketo", query.direction());
        assertEquals("required", query.errorCode());
        assertEquals(1000, query.limit());
    }

    @Test
    void eachMistakeNamesItsParameter() {
        assertNames("since", () -> SyncErrorParameters.of("yesterday", null, null, null));
        assertNames("since", () -> SyncErrorParameters.of("2026-11-25", null, null, null));
        assertNames("direction", () -> SyncErrorParameters.of(null, "sideways", null, null));
        assertNames("errorCode", () -> SyncErrorParameters.of(null, null, "x".repeat(65), null));
        for (String limit : new String[] {"0", "-1", "1001", "abc", "1.5", "99999999999"}) {
            assertNames("limit", () -> SyncErrorParameters.of(null, null, null, limit));
        }
    }

    @Test
    void idsMustBePositiveWholeNumbers() {
        assertEquals(7L, Limit.positiveId("leadId", "7"));
        for (String bad : new String[] {"0", "-3", "abc", "", "99999999999999999999"}) {
            assertNames("leadId", () -> Limit.positiveId("leadId", bad));
        }
    }

    private static void assertNames(String field, Runnable call) {
        ApiProblem problem = assertThrows(ApiProblem.class, call::run);
        ApiError body = (ApiError) problem.getResponse().getEntity();
        assertEquals(400, problem.getResponse().getStatus());
        assertEquals("bad-request", body.error());
        assertEquals(field, body.details().get(0).field());
    }

    @Test
    void aGroupMessageIsExactAndRefusesControlCharactersAndTheImpossibleLength() {
        assertEquals("lastname is required", SyncErrorParameters.message("lastname is required"));
        assertNull(SyncErrorParameters.message(""));
        assertNames("message", () -> SyncErrorParameters.message("a\u0000b"));
        assertNames("message", () -> SyncErrorParameters.message("x".repeat(4001)));
    }
}
