package org.leadsync.marketo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Marketo connector's plain-Java edge: the change cursor and activity dates. */
class MarketoEdgeTest {


    @Test
    void cursorCarriesBothTokensOpaquely() {
        ChangeCursor cursor = new ChangeCursor("GIYDAOBNGEYS2MBW====", "GIYDAOBNGEYS2MBX====");
        String text = cursor.encode();
        assertFalse(text.contains("GIYDAOBN"), "opaque: " + text);
        assertEquals(cursor, ChangeCursor.decode(text));
        assertNotEquals(text, new ChangeCursor("GIYDAOBNGEYS2MBW====", "other").encode());
        assertThrows(IllegalArgumentException.class, () -> ChangeCursor.decode("mkto1.@@@"));
        assertThrows(IllegalArgumentException.class, () -> ChangeCursor.decode("something-else"));
    }

    @Test
    void activityDatesParseInBothDocumentedForms() {
        assertEquals(Instant.parse("2014-09-17T22:31:49Z"), MarketoConnector.parseDate("2014-09-17T22:31:49Z"));
        assertEquals(Instant.parse("2014-09-17T22:31:49Z"), MarketoConnector.parseDate("2014-09-17T22:31:49+0000"));
        assertEquals(Instant.parse("2014-09-17T22:31:49Z"), MarketoConnector.parseDate("2014-09-17T14:31:49-08:00"));
    }
}
