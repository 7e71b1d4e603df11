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
    void cursorCarriesBothTokensAndItsPositionOpaquely() {
        Instant at = Instant.parse("2026-11-25T10:00:00Z");
        ChangeCursor cursor = new ChangeCursor("GIYDAOBNGEYS2MBW====", "GIYDAOBNGEYS2MBX====", at, 4711);
        String text = cursor.encode();
        assertFalse(text.contains("GIYDAOBN"), "opaque: " + text);
        assertEquals(cursor, ChangeCursor.decode(text));
        assertNotEquals(text, new ChangeCursor("GIYDAOBNGEYS2MBW====", "other", at, 4711).encode());
        assertEquals(new ChangeCursor("T", "T", at, 4711), cursor.withTokens("T"), "fresh tokens keep the position");
        assertEquals(new ChangeCursor("S", "S", at, 0), ChangeCursor.startingAt("S", at));
        assertThrows(IllegalArgumentException.class, () -> ChangeCursor.decode("mkto2.@@@"));
        assertThrows(IllegalArgumentException.class, () -> ChangeCursor.decode("mkto1.R0lZREFPQk5HRVlTMk1CVz09PT0KR0lZREFPQk5HRVlTMk1CWD09PT0"));
        assertThrows(IllegalArgumentException.class, () -> ChangeCursor.decode("something-else"));
    }

    @Test
    void activityDatesParseInBothDocumentedForms() {
        assertEquals(Instant.parse("2014-09-17T22:31:49Z"), MarketoConnector.parseDate("2014-09-17T22:31:49Z"));
        assertEquals(Instant.parse("2014-09-17T22:31:49Z"), MarketoConnector.parseDate("2014-09-17T22:31:49+0000"));
        assertEquals(Instant.parse("2014-09-17T22:31:49Z"), MarketoConnector.parseDate("2014-09-17T14:31:49-08:00"));
    }
}
