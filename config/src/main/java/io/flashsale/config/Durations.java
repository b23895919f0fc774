package io.flashsale.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one syntax of every duration setting, on members as on app nodes: ISO-8601 ({@code PT15M}) or a number and a
 * unit ({@code 15m}, {@code 90s}, {@code 500ms}; ns, us, ms, s, m, h, d; no unit is milliseconds), which is what
 * Spring Boot binds on app nodes. Members are no Spring application, so the rule is written out here; a test of
 * the app node holds the two to the same answers.
 */
public final class Durations {

    private static final Pattern SIMPLE = Pattern.compile("^([+-]?\\d+)([a-zA-Z]{0,2})$");
    private static final Pattern ISO = Pattern.compile("^[+-]?[pP].*$");

    private Durations() {
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} saying what is allowed. */
    public static Duration parse(String text) {
        String value = text.trim();
        try {
            if (ISO.matcher(value).matches()) {
                return Duration.parse(value);
            }
            Matcher simple = SIMPLE.matcher(value);
            if (simple.matches()) {
                return Duration.of(Long.parseLong(simple.group(1)), unit(simple.group(2)));
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(problem(text), e);
        }
        throw new IllegalArgumentException(problem(text));
    }

    private static ChronoUnit unit(String suffix) {
        return switch (suffix.toLowerCase(Locale.ROOT)) {
            case "ns" -> ChronoUnit.NANOS;
            case "us" -> ChronoUnit.MICROS;
            case "", "ms" -> ChronoUnit.MILLIS;
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            case "h" -> ChronoUnit.HOURS;
            case "d" -> ChronoUnit.DAYS;
            default -> throw new NumberFormatException("unknown unit " + suffix);
        };
    }

    private static String problem(String text) {
        return "'" + text + "' is not a duration: give ISO-8601 (PT15M) or a number and a unit (15m, 90s, 500ms)";
    }
}
