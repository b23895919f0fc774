package io.flashsale.mapstore;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * DATETIME columns hold UTC wall-clock time. LocalDateTime passes through Connector/J unchanged, whatever the time
 * zones of the JVM and the server, which {@code java.sql.Timestamp} would not.
 */
final class Timestamps {

    private Timestamps() {
    }

    static LocalDateTime toDb(long epochMillis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }

    static long fromDb(LocalDateTime value) {
        return value.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
