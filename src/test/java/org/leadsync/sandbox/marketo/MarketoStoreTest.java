package org.leadsync.sandbox.marketo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Marketo emulator's store, token list, limits and paging tokens, without HTTP. */
class MarketoStoreTest {

    private final Clock clock = Clock.systemUTC();
    private final PersonStore store = new PersonStore(clock);

    private static Map<String, Object> person(String email, String firstName) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("email", email);
        values.put("firstName", firstName);
        return values;
    }

    @Test
    void writesProduceNewLeadAndOneChangeDataValuePerChangedField() {
        store.sync("createOrUpdate", "email", List.of(person("a@x.com", "Ann")));
        Map<String, Object> change = person("a@x.com", "Anna");
        change.put("msftIsDeleted", "true");
        List<RecordResult> results = store.sync("createOrUpdate", "email", List.of(change));
        assertEquals("updated", results.get(0).status());
        ActivityPage page = store.read(0, a -> true, 300, 1000);
        assertEquals(List.of(12, 13, 13), page.activities().stream().map(Activity::typeId).toList());
        Activity.Change first = page.activities().get(1).fields().get(0);
        assertEquals("firstName", first.name());
        assertEquals("Ann", first.oldValue());
        assertEquals("Anna", first.newValue());
        assertEquals("true", page.activities().get(2).fields().get(0).newValue());
        assertFalse(page.more());
    }

    @Test
    void skipsCarryMarketoCodesInInputOrder() {
        store.sync("createOnly", "email", List.of(person("dup@x.com", "D")));
        Map<String, Object> unknownField = person("u@x.com", "U");
        unknownField.put("noSuchField", "x");
        Map<String, Object> badBoolean = person("b@x.com", "B");
        badBoolean.put("msftIsDeleted", "perhaps");
        List<RecordResult> results = store.sync("createOnly", "email",
                List.of(person("new@x.com", "N"), person("dup@x.com", "D"), unknownField, badBoolean));
        assertEquals(List.of("created", "skipped", "skipped", "skipped"), results.stream().map(RecordResult::status).toList());
        assertEquals(List.of("1005", "1006", "1003"), results.subList(1, 4).stream().map(RecordResult::code).toList());
        RecordResult notFound = store.sync("updateOnly", "email", List.of(person("ghost@x.com", "G"))).get(0);
        assertEquals("1004", notFound.code());
    }

    @Test
    void pagingTokenPositionsSplitTheStreamAtAnInstant() throws Exception {
        store.sync("createOrUpdate", "email", List.of(person("a@x.com", "A")));
        Thread.sleep(5);
        Instant between = clock.instant();
        Thread.sleep(5);
        store.sync("createOrUpdate", "email", List.of(person("a@x.com", "B")));
        long position = store.positionAt(between);
        ActivityPage after = store.read(position, a -> true, 300, 1000);
        assertEquals(1, after.activities().size());
        assertEquals(13, after.activities().get(0).typeId());
        String token = PagingToken.of("a", position);
        assertEquals(position, PagingToken.position("a", token));
        assertEquals(token, PagingToken.of("a", position), "stable");
        assertEquals(-1, PagingToken.position("l", token), "a lead-page token is not an activity token");
        assertEquals(-1, PagingToken.position("a", "not base32!"));
    }

    @Test
    void aPageMayBeShortWhileMoreIsWaiting() {
        for (int i = 0; i < 30; i++) {
            store.sync("createOrUpdate", "email", List.of(person("p" + i + "@x.com", "P")));
        }
        ActivityPage page = store.read(0, a -> a.leadId() % 2 == 0, 300, 10);
        assertEquals(5, page.activities().size());
        assertTrue(page.more());
        ActivityPage rest = store.read(page.reached(), a -> a.leadId() % 2 == 0, 300, 1000);
        assertEquals(10, rest.activities().size());
        assertFalse(rest.more());
    }

    @Test
    void deletesAreLoggedAsType37() {
        long id = store.sync("createOnly", "email", List.of(person("d@x.com", "D"))).get(0).id();
        List<RecordResult> results = store.delete(java.util.Arrays.asList(id, 999L));
        assertEquals("deleted", results.get(0).status());
        assertEquals("1004", results.get(1).code());
        assertEquals(0, store.personCount());
        assertTrue(store.read(0, a -> a.typeId() == Activity.DELETE_LEAD, 300, 1000).activities().size() == 1);
    }

    @Test
    void seedIsDeterministic() {
        PersonStore other = new PersonStore(clock);
        store.seed(50, 7, i -> "s" + i + "@x.com");
        other.seed(50, 7, i -> "s" + i + "@x.com");
        assertEquals(50, store.personCount());
        assertEquals(store.find("email", List.of("s9@x.com")).get(0).get("firstName"),
                other.find("email", List.of("s9@x.com")).get(0).get("firstName"));
    }

    @Test
    void tokensExpireAndUnknownOnesAreRefused() {
        IssuedTokens tokens = new IssuedTokens(clock);
        IssuedTokens.Issued issued = tokens.issue("c", Duration.ofHours(1));
        assertEquals(IssuedTokens.Check.VALID, tokens.check(issued.token()));
        assertEquals(issued.token(), tokens.issue("c", Duration.ofHours(1)).token(), "same token while valid");
        assertEquals(IssuedTokens.Check.UNKNOWN, tokens.check("nope"));
        tokens.expireAll();
        assertEquals(IssuedTokens.Check.EXPIRED, tokens.check(issued.token()));
        assertTrue(!issued.token().equals(tokens.issue("c", Duration.ofHours(1)).token()), "a new one after expiry");
    }

    @Test
    void limitsRejectWithMarketoCodesAndZeroDisables() {
        CallLimits limits = new CallLimits(clock, 2, 0, 0);
        limits.admit();
        limits.release();
        limits.admit();
        limits.release();
        MarketoError rate = assertThrows(MarketoError.class, limits::admit);
        assertEquals("606", rate.code);
        CallLimits concurrent = new CallLimits(clock, 0, 1, 0);
        concurrent.admit();
        assertEquals("615", assertThrows(MarketoError.class, concurrent::admit).code);
        CallLimits quota = new CallLimits(clock, 0, 0, 1);
        quota.admit();
        quota.release();
        assertEquals("607", assertThrows(MarketoError.class, quota::admit).code);
        assertEquals(1, quota.rejections());
    }

    /** Sales Persons (docs/sandbox.md): deduplicated on externalSalesPersonId; a linked person shows its Lead Owner fields. */
    @Test
    void salesPersonsDedupeOnTheirExternalId_andLinkedPersonsShowThemAsLeadOwner() {
        SalesPersonStore salesPersons = store.salesPersons();
        Map<String, Object> ada = new LinkedHashMap<>();
        ada.put("externalSalesPersonId", "u-1");
        ada.put("email", "ada@corp.example");
        ada.put("firstName", "Ada");
        ada.put("title", "Director");
        assertEquals("created", salesPersons.sync("createOrUpdate", "dedupeFields", List.of(ada)).get(0).status());
        Map<String, Object> person = person("p@x.com", "Pat");
        person.put("externalSalesPersonId", "u-1");
        store.sync("createOrUpdate", "email", List.of(person));
        assertEquals("Ada", store.find("email", List.of("p@x.com")).get(0).get("leadOwnerFirstName"));

        ada.put("title", "CRO");
        RecordResult again = salesPersons.sync("createOrUpdate", "dedupeFields", List.of(ada)).get(0);
        assertEquals("updated", again.status());
        assertEquals(1, salesPersons.count());
        assertEquals("CRO", store.find("email", List.of("p@x.com")).get(0).get("leadOwnerJobTitle"), "a lookup, read now");
        assertEquals("1005", salesPersons.sync("createOnly", "dedupeFields", List.of(ada)).get(0).code());
        Map<String, Object> unknown = new LinkedHashMap<>(Map.of("externalSalesPersonId", "u-2"));
        assertEquals("1013", salesPersons.sync("updateOnly", "dedupeFields", List.of(unknown)).get(0).code());
        assertEquals("1006", salesPersons.sync("createOrUpdate", "dedupeFields",
                List.of(new LinkedHashMap<>(Map.of("externalSalesPersonId", "u-3", "shoeSize", "9")))).get(0).code());
        assertEquals("1003", salesPersons.sync("createOrUpdate", "dedupeFields",
                List.of(new LinkedHashMap<>(Map.of("email", "nobody@corp.example")))).get(0).code());
        assertEquals(List.of("u-1"), salesPersons.find("email", List.of("ADA@corp.example")).stream()
                .map(s -> s.get("externalSalesPersonId")).toList());
        Map<String, Object> readOnly = new LinkedHashMap<>(Map.of("leadOwnerEmail", "x@y.z"));
        readOnly.put("email", "p@x.com");
        assertEquals("1003", store.sync("createOrUpdate", "email", List.of(readOnly)).get(0).code(), "Lead Owner fields are read only");
    }
}
