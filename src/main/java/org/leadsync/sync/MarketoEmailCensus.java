package org.leadsync.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.leadsync.port.MarketoBulkPersons;

/**
 * Which emails Marketo's persons have (docs/sync-rules.md R10, Bulk creation). Bulk Lead Import can only insert or
 * update by email, so a record whose email a person has already must not be imported (it would overwrite that
 * person, perhaps one linked to another record, R12): the census tells those apart without a look-up per record.
 * It is read by Bulk Lead Extract of every person created since `leadsync.marketo.bulk-import.census-since` (the
 * oldest person's creation: Marketo's extract needs a date range), then topped up with the persons created since,
 * at most every `census-max-age`, and with every person LeadSync creates. Kept as 64-bit hashes in memory (8 bytes
 * an email, about 16 MB for a million); a hash collision only sends a record the REST way, which is always right.
 */
@ApplicationScoped
public class MarketoEmailCensus {

    @Inject
    MarketoBulkPersons bulk;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "leadsync.marketo.bulk-import.census-since")
    Optional<String> censusSince;

    @Inject
    @ConfigProperty(name = "leadsync.marketo.bulk-import.census-max-age", defaultValue = "PT5M")
    Duration maxAge;

    private final LongSet hashes = new LongSet();
    private Instant readUpTo;
    private Instant readAt;

    /** Without a start date there is no census, and so no bulk import: every creation goes the REST way. */
    public boolean configured() {
        return censusSince.filter(s -> !s.isBlank()).isPresent();
    }

    /** Reads what is missing (all of it the first time, then the persons created since), unless read recently. */
    public synchronized void refresh() {
        Instant now = clock.instant();
        if (readAt != null && Duration.between(readAt, now).compareTo(maxAge) < 0) {
            return;
        }
        // a minute back: a person created while the last read ran may be in neither read otherwise
        Instant from = readUpTo == null ? since() : readUpTo.minusSeconds(60);
        bulk.readPersons(MarketoBulkPersons.Since.CREATED, from, now, List.of("email"), p -> add(p.fields().get("email")));
        readUpTo = now;
        readAt = now;
    }

    /** Whether a person may have `email` (case-insensitively, as Marketo compares it). */
    public synchronized boolean mayHave(String email) {
        return email != null && hashes.contains(hash(email));
    }

    /** A person has `email` now (LeadSync created it). */
    public synchronized void add(Object email) {
        if (email != null && !email.toString().isBlank()) {
            hashes.add(hash(email.toString()));
        }
    }

    private Instant since() {
        String text = censusSince.orElseThrow().trim();
        return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
    }

    private static long hash(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (digest[i] & 0xff);
            }
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An open-addressing set of longs: a million emails in 16 MB rather than 50 in boxed Longs. */
    static final class LongSet {
        private static final long EMPTY = 0;
        private long[] slots = new long[1024];
        private int size;
        private boolean hasZero;

        boolean contains(long value) {
            if (value == EMPTY) {
                return hasZero;
            }
            for (int i = index(value, slots.length); ; i = (i + 1) & (slots.length - 1)) {
                if (slots[i] == EMPTY) {
                    return false;
                }
                if (slots[i] == value) {
                    return true;
                }
            }
        }

        void add(long value) {
            if (value == EMPTY) {
                hasZero = true;
                return;
            }
            if (2 * (size + 1) > slots.length) {
                long[] old = slots;
                slots = new long[old.length * 2];
                size = 0;
                for (long v : old) {
                    if (v != EMPTY) {
                        insert(v);
                    }
                }
            }
            insert(value);
        }

        private void insert(long value) {
            for (int i = index(value, slots.length); ; i = (i + 1) & (slots.length - 1)) {
                if (slots[i] == value) {
                    return;
                }
                if (slots[i] == EMPTY) {
                    slots[i] = value;
                    size++;
                    return;
                }
            }
        }

        private static int index(long value, int length) {
            long mixed = value * 0x9E3779B97F4A7C15L;
            return (int) (mixed >>> 40) & (length - 1);
        }
    }
}
