package org.leadsync.sandbox.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/** A column an admin deletes (docs/sandbox.md, Control): gone from the metadata, rows and writes; back when restored. */
class DeletedColumnTest {

    private final WebApiCalls dv = new WebApiCalls();

    @Test
    void aDeletedColumnIsAnUnknownPropertyUntilRestored() {
        String id = dv.create("leads", "{\"lastname\":\"Orton\",\"subject\":\"s\",\"jobtitle\":\"CTO\"}");
        dv.store.deleteColumn("lead", "jobtitle");

        String metadata = dv.get("EntityDefinitions(LogicalName='lead')/Attributes").body();
        assertFalse(metadata.contains("\"jobtitle\""), "gone from the metadata");
        WebApiResponse selected = dv.get("leads?$select=lastname,jobtitle");
        assertEquals(400, selected.status());
        assertEquals("0x80060888", WebApiCalls.json(selected).getJsonObject("error").getString("code"));
        assertTrue(WebApiCalls.json(selected).getJsonObject("error").getString("message").contains("jobtitle"));
        assertFalse(WebApiCalls.json(dv.get("leads(" + id + ")")).containsKey("jobtitle"), "not in a row");
        assertEquals(400, dv.call("PATCH", "leads(" + id + ")", java.util.Map.of("If-Match", "*"), "{\"jobtitle\":\"x\"}").status());

        assertTrue(dv.store.restoreColumn("lead", "jobtitle"));
        JsonObject row = WebApiCalls.json(dv.get("leads(" + id + ")?$select=jobtitle"));
        assertEquals("CTO", row.getString("jobtitle"));
        assertThrows(IllegalArgumentException.class, () -> dv.store.deleteColumn("lead", "leadid"));
        assertThrows(IllegalArgumentException.class, () -> dv.store.deleteColumn("systemuser", "title"));
    }
}
