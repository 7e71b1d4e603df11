package org.leadsync.ops;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.config.spi.Converter;

/** Lets every setting that is a span of time be written as ISO-8601 (`PT5M`), as docs/sync-rules.md R3 does. */
public class DurationConverter implements Converter<Duration> {

    @Override
    public Duration convert(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Not an ISO-8601 duration (e.g. PT5M): " + value, e);
        }
    }
}
