package org.leadsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leadsync.fields.FieldMapping;
import org.leadsync.port.CrmEntity;

/** Which mapped fields the feeds merge (docs/sync-rules.md R2): a field waiting for its fill is left to it. */
class FieldSetTest {

    private static final List<FieldMapping> SET = List.of(
            new FieldMapping("email", "emailaddress1", "emailaddress1", 0, false),
            new FieldMapping("company", "companyname", null, 1, false),
            new FieldMapping("city", "address1_city", "address1_city", 2, true),
            new FieldMapping("industry", "industrycode", null, 3, true));

    @ParameterizedTest(name = "{0}: of {1}, settled {2}")
    @CsvSource(delimiter = ';', value = {
            "LEAD;    email,company,city,industry; email,company",
            "CONTACT; email,city;                  email"})
    void theFeedsLeaveFieldsWaitingForTheirFillToTheFill(CrmEntity entity, String all, String settled) {
        assertEquals(List.of(all.split(",")), FieldSet.of(entity, SET).marketoFields());
        assertEquals(List.of(settled.split(",")), FieldSet.settled(entity, SET).marketoFields());
        assertEquals(List.of("city"), FieldSet.of(entity, SET).only(java.util.Set.of("city")).marketoFields());
    }
}
