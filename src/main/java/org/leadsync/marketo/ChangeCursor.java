package org.leadsync.marketo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The connector's change-feed cursor, one opaque string: two Marketo paging tokens (leadchanges and
 * deletedleads advance separately) and the position they stand for, the time and id of the last activity
 * read. A token Marketo refuses or forgets is obtained again from that time, with an overlap whose
 * activities the id recognises as already read (docs/sync-rules.md R5, R6).
 */
record ChangeCursor(String changesToken, String deletionsToken, Instant readUpTo, long lastActivityId) {

    private static final String PREFIX = "mkto2.";

    static ChangeCursor startingAt(String token, Instant since) {
        return new ChangeCursor(token, token, since, 0);
    }

    /** The same position with fresh tokens, as Marketo hands them out for an instant. */
    ChangeCursor withTokens(String token) {
        return new ChangeCursor(token, token, readUpTo, lastActivityId);
    }

    String encode() {
        String joined = changesToken + "\n" + deletionsToken + "\n" + readUpTo + "\n" + lastActivityId;
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    static ChangeCursor decode(String cursor) {
        if (cursor == null || !cursor.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Not a Marketo change cursor: " + cursor);
        }
        try {
            String joined = new String(Base64.getUrlDecoder().decode(cursor.substring(PREFIX.length())), StandardCharsets.UTF_8);
            String[] parts = joined.split("\n", -1);
            if (parts.length != 4 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new IllegalArgumentException("Not a Marketo change cursor: " + cursor);
            }
            return new ChangeCursor(parts[0], parts[1], Instant.parse(parts[2]), Long.parseLong(parts[3]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a Marketo change cursor: " + cursor, e);
        }
    }
}
