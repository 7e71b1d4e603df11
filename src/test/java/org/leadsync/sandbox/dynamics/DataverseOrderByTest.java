package org.leadsync.sandbox.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** `$orderby` on entity-set reads (Web API, "Order rows using OData"), with $top, $filter, $select and paging. */
class DataverseOrderByTest {

    private final WebApiCalls dv = new WebApiCalls();

    private void lead(String first, String last, Integer employees) {
        dv.create("leads", "{\"firstname\":" + quoted(first) + ",\"lastname\":" + quoted(last)
                + (employees == null ? "" : ",\"numberofemployees\":" + employees) + "}");
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    private static List<String> names(JsonObject page) {
        List<String> out = new ArrayList<>();
        for (JsonValue v : page.getJsonArray("value")) {
            JsonObject row = v.asJsonObject();
            out.add(text(row, "lastname") + "/" + text(row, "firstname"));
        }
        return out;
    }

    private static String text(JsonObject row, String name) {
        return row.isNull(name) ? "null" : row.getString(name);
    }

    private void seedNames() {
        lead("Ada", "lovelace", null);
        lead("Grace", "Hopper", null);
        lead("Alan", "Turing", null);
        lead(null, "Hopper", null);
        lead("Zed", null, null);
        lead("Barbara", "Hopper", null);
    }

    @Test
    void descendingThenAscendingWithNullsAsTheLowestValue() {
        seedNames();
        WebApiResponse r = dv.get("leads?$select=firstname,lastname&$orderby=lastname desc,firstname");
        assertEquals(200, r.status(), r.body());
        // lastname desc (case-insensitive, null last), then firstname asc (null first)
        assertEquals(List.of("Turing/Alan", "lovelace/Ada", "Hopper/null", "Hopper/Barbara", "Hopper/Grace", "null/Zed"),
                names(WebApiCalls.json(r)));
        WebApiResponse asc = dv.get("leads?$select=firstname,lastname&$orderby=lastname asc,firstname desc");
        assertEquals(List.of("null/Zed", "Hopper/Grace", "Hopper/Barbara", "Hopper/null", "lovelace/Ada", "Turing/Alan"),
                names(WebApiCalls.json(asc)));
    }

    @Test
    void numbersSortByValueAndTopTakesTheFirstRowsOfTheOrder() {
        lead("A", "Nine", 9);
        lead("B", "Ten", 10);
        lead("C", "Hundred", 100);
        lead("D", "None", null);
        WebApiResponse r = dv.get("leads?$select=lastname&$orderby=numberofemployees desc&$top=2");
        JsonObject body = WebApiCalls.json(r);
        assertEquals(2, body.getJsonArray("value").size());
        assertEquals("Hundred", body.getJsonArray("value").getJsonObject(0).getString("lastname"));
        assertEquals("Ten", body.getJsonArray("value").getJsonObject(1).getString("lastname"));
        assertFalse(body.containsKey("@odata.nextLink"), "$top answers one page");
        JsonObject ascending = WebApiCalls.json(dv.get("leads?$select=lastname&$orderby=numberofemployees"));
        assertEquals("None", ascending.getJsonArray("value").getJsonObject(0).getString("lastname"), "null first ascending");
        assertEquals("Hundred", ascending.getJsonArray("value").getJsonObject(3).getString("lastname"));
    }

    @Test
    void filterAndSelectApplyAndTheContextNamesTheSelection() {
        seedNames();
        WebApiResponse r = dv.get("leads?$select=firstname&$filter=lastname eq 'hopper'&$orderby=firstname desc");
        JsonObject body = WebApiCalls.json(r);
        assertEquals(WebApiCalls.ROOT + "$metadata#leads(firstname)", body.getString("@odata.context"));
        List<String> firsts = new ArrayList<>();
        for (JsonValue v : body.getJsonArray("value")) {
            assertFalse(v.asJsonObject().containsKey("lastname"), "not selected");
            assertTrue(v.asJsonObject().containsKey("leadid"));
            firsts.add(text(v.asJsonObject(), "firstname"));
        }
        assertEquals(List.of("Grace", "Barbara", "null"), firsts);
    }

    @Test
    void pagesFollowTheOrderAndEachPageIsEvaluatedWhenAskedFor() {
        for (int i = 0; i < 7; i++) {
            lead("F" + i, "L" + (char) ('a' + (i * 3) % 7), null);
        }
        Map<String, String> prefer = Map.of("Prefer", "odata.maxpagesize=3");
        WebApiResponse first = dv.get("leads?$select=lastname&$orderby=lastname", prefer);
        assertEquals("odata.maxpagesize=3", first.headers().get("Preference-Applied"));
        JsonObject page = WebApiCalls.json(first);
        List<String> seen = new ArrayList<>();
        page.getJsonArray("value").forEach(v -> seen.add(v.asJsonObject().getString("lastname")));
        assertEquals(List.of("La", "Lb", "Lc"), seen);
        String next = page.getString("@odata.nextLink");
        assertTrue(next.contains("$orderby=lastname"), next);
        // a row that sorts before the cursor is not returned later; one after it is
        lead("X", "La2", null);
        lead("Y", "Ld2", null);
        while (next != null) {
            page = WebApiCalls.json(dv.follow(next, prefer));
            page.getJsonArray("value").forEach(v -> seen.add(v.asJsonObject().getString("lastname")));
            next = page.getString("@odata.nextLink", null);
        }
        assertEquals(List.of("La", "Lb", "Lc", "Ld", "Ld2", "Le", "Lf", "Lg"), seen);
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no row twice");
    }

    @Test
    void equalValuesPageWithoutRepeatsBecauseTheKeyBreaksTies() {
        for (int i = 0; i < 10; i++) {
            lead("Same", "Same", null);
        }
        Map<String, String> prefer = Map.of("Prefer", "odata.maxpagesize=4");
        Set<String> ids = new HashSet<>();
        JsonObject page = WebApiCalls.json(dv.get("leads?$orderby=lastname desc", prefer));
        int pages = 1;
        while (true) {
            page.getJsonArray("value").forEach(v -> assertTrue(ids.add(v.asJsonObject().getString("leadid"))));
            String next = page.getString("@odata.nextLink", null);
            if (next == null) {
                break;
            }
            page = WebApiCalls.json(dv.follow(next, prefer));
            pages++;
        }
        assertEquals(10, ids.size());
        assertEquals(3, pages);
    }

    @Test
    void aLookupSortsByThePrimaryNameOfTheRowItPointsTo() {
        String zoe = dv.create("systemusers", "{\"fullname\":\"Zoe Owner\"}");
        String abe = dv.create("systemusers", "{\"fullname\":\"Abe Owner\"}");
        dv.create("leads", "{\"lastname\":\"OwnedByZoe\",\"ownerid@odata.bind\":\"/systemusers(" + zoe + ")\"}");
        dv.create("leads", "{\"lastname\":\"OwnedByAbe\",\"ownerid@odata.bind\":\"/systemusers(" + abe + ")\"}");
        dv.create("leads", "{\"lastname\":\"OwnedBySandbox\"}"); // "LeadSync Sandbox"
        JsonObject body = WebApiCalls.json(dv.get("leads?$select=lastname&$orderby=_ownerid_value"));
        List<String> order = new ArrayList<>();
        body.getJsonArray("value").forEach(v -> order.add(v.asJsonObject().getString("lastname")));
        assertEquals(List.of("OwnedByAbe", "OwnedBySandbox", "OwnedByZoe"), order);
    }

    @Test
    void refusalsAsDataverseAnswersThem() {
        seedNames();
        WebApiResponse unknown = dv.get("leads?$orderby=nosuchcolumn desc");
        assertEquals(400, unknown.status());
        assertEquals("0x80060888", WebApiCalls.json(unknown).getJsonObject("error").getString("code"));
        assertEquals(400, dv.get("leads?$orderby=lastname sideways").status());
        WebApiResponse tracked = dv.get("leads?$orderby=lastname", Map.of("Prefer", "odata.track-changes"));
        assertEquals(400, tracked.status());
        assertTrue(WebApiCalls.json(tracked).getJsonObject("error").getString("message")
                .contains("isn't supported when Change Tracking is enabled"));
        assertEquals(400, dv.get("leads?$orderby=lastname&$skiptoken=o:bm90LWpzb24").status(), "foreign cursor");
    }

    @Test
    void withoutOrderbyReadsKeepTheirOrderAndLinks() {
        seedNames();
        Map<String, String> prefer = Map.of("Prefer", "odata.maxpagesize=4");
        JsonObject page = WebApiCalls.json(dv.get("leads?$select=lastname", prefer));
        assertEquals(4, page.getJsonArray("value").size());
        String next = page.getString("@odata.nextLink");
        assertFalse(next.contains("$orderby"));
        JsonObject rest = WebApiCalls.json(dv.follow(next, prefer));
        assertEquals(2, rest.getJsonArray("value").size());
        assertNull(rest.getString("@odata.nextLink", null));
    }
}
