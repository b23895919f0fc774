package io.flashsale.mapstore;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * DATETIME(3) columns hold UTC wall-clock time, written as text. Text keeps the milliseconds on every server:
 * MariaDB 10.x announces itself as "5.5.5-10.x", which Connector/J takes for a server without fractional seconds,
 * and then drops them from temporal parameters. Read back as LocalDateTime, which passes through unchanged
 * whatever the time zones of the JVM and the server.
 */
final class Timestamps {

    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private Timestamps() {
    }

    static String toDb(long epochMillis) {
        return TEXT.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC));
    }

    static long fromDb(LocalDateTime value) {
        return value.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
