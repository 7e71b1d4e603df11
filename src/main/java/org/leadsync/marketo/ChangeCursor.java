package org.leadsync.marketo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The connector's change-feed cursor: one opaque string carrying two Marketo paging tokens, because
 * leadchanges and deletedleads advance separately and one token cannot serve both (docs/sync-rules.md R5, R6).
 */
record ChangeCursor(String changesToken, String deletionsToken) {

    private static final String PREFIX = "mkto1.";

    String encode() {
        String joined = changesToken + "\n" + deletionsToken;
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    static ChangeCursor decode(String cursor) {
        if (cursor == null || !cursor.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Not a Marketo change cursor: " + cursor);
        }
        String joined;
        try {
            joined = new String(Base64.getUrlDecoder().decode(cursor.substring(PREFIX.length())), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a Marketo change cursor: " + cursor, e);
        }
        int split = joined.indexOf('\n');
        if (split <= 0 || split == joined.length() - 1) {
            throw new IllegalArgumentException("Not a Marketo change cursor: " + cursor);
        }
        return new ChangeCursor(joined.substring(0, split), joined.substring(split + 1));
    }
}
