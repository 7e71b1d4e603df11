package org.leadsync.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.leadsync.port.CrmEntity;
import org.leadsync.port.DynamicsRecord;

/** Row JSON to plain values: lookups reach the features by their logical names (docs/sync-rules.md R16, R22). */
class ODataJsonTest {

    @Test
    void theOwnerLookupIsReadAsOwnerid_andTheOriginatingLeadAsItsOwnField() {
        DynamicsRecord record = ODataJson.record(CrmEntity.CONTACT, ODataJson.read("{\"@odata.etag\":\"W/\\\"7\\\"\","
                + "\"contactid\":\"0A7B0000-0000-4000-8000-000000000001\",\"_ownerid_value\":\"5a3c0f5e-0000-4000-8000-000000000001\","
                + "\"_originatingleadid_value\":\"0a7b0000-0000-4000-8000-000000000002\",\"lastname\":\"Orton\"}"));
        assertEquals("5a3c0f5e-0000-4000-8000-000000000001", record.get("ownerid"));
        assertFalse(record.attributes().containsKey("_ownerid_value"));
        assertEquals("0a7b0000-0000-4000-8000-000000000002", record.originatingLeadId());
        assertEquals("0a7b0000-0000-4000-8000-000000000001", record.id());
    }
}
