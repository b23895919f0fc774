package io.flashsale.app.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Request bodies read as JSON objects and checked field by field. Binding straight to records would let Jackson
 * coerce {@code 1.5} or {@code "1"} into an int; the contract wants those refused with {@code invalid-request}.
 * The body is read from the request stream whatever its content type, so a client that forgot the header (curl's
 * default is a form type, which Spring would re-encode from form parameters) is understood, not refused with 415.
 */
@Component
public final class JsonBody {

    private final ObjectReader json;

    JsonBody(JsonMapper json) {
        // A name given twice is refused: which of the two counts is not defined, and a proxy in front may well
        // read the other one than we do.
        this.json = json.readerFor(Object.class).with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /** The range of instants a request may give. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    /** Most a request body may hold; the contract's bodies are a few hundred bytes. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    /** Reads the request's body and parses it as a JSON object. */
    public Fields parse(HttpServletRequest request) {
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new InvalidRequest("the body could not be read: " + e.getMessage());
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new PayloadTooLarge(MAX_BODY_BYTES);
        }
        return parse(new String(bytes, StandardCharsets.UTF_8));
    }

    /** Jackson's message repeats what it could not read: a prefix of it is enough. */
    private static String shortened(String message) {
        return message == null ? "" : message.length() > 120 ? message.substring(0, 120) + "..." : message;
    }

    /** 413 {@code payload-too-large}: a chunked body that grew past the limit (an announced one is refused earlier). */
    static final class PayloadTooLarge extends Problem {
        PayloadTooLarge(int limit) {
            super(ProblemType.PAYLOAD_TOO_LARGE,
                    "the body is larger than " + limit + " bytes");
        }
    }

    /** Parses {@code body} as a JSON object. */
    Fields parse(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequest("a JSON object body is required");
        }
        Object parsed;
        try {
            parsed = json.readValue(body);
        } catch (JacksonException e) {
            throw new InvalidRequest("body is not valid JSON: " + shortened(e.getOriginalMessage()));
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new InvalidRequest("body must be a JSON object");
        }
        return new Fields(map);
    }

    /** The fields of one JSON object. */
    public static final class Fields {
        private final Map<?, ?> values;

        Fields(Map<?, ?> values) {
            this.values = values;
        }

        public boolean has(String name) {
            return values.get(name) != null;
        }

        /** A required identifier ({@link Ids}). */
        public String id(String name) {
            Object value = values.get(name);
            if (!(value instanceof String s) || s.isBlank()) {
                throw new InvalidRequest("'" + name + "' is required and must be a string");
            }
            if (!Ids.isValid(s)) {
                throw new InvalidRequest("'" + name + "' must be 1 to 64 characters of [A-Za-z0-9_-]");
            }
            return s;
        }

        /** A required buyer id ({@link Ids#isValidUserId}). */
        public String userId(String name) {
            String userId = optionalUserId(name);
            if (userId == null) {
                throw new InvalidRequest("'" + name + "' is required: " + Ids.USER_ID_RULE);
            }
            return userId;
        }

        /** An optional buyer id ({@link Ids#isValidUserId}): null when absent; {@code null}, blank or malformed is 400. */
        public @Nullable String optionalUserId(String name) {
            if (!values.containsKey(name)) {
                return null;
            }
            Object value = values.get(name);
            if (!(value instanceof String s) || !Ids.isValidUserId(s)) {
                throw new InvalidRequest("'" + name + "' must be " + Ids.USER_ID_RULE);
            }
            return s;
        }

        /** An optional ISO-8601 duration ({@code PT1H}) from over zero to {@code max}. */
        public Duration duration(String name, Duration max, Duration defaultValue) {
            Object value = values.get(name);
            if (value == null) {
                return defaultValue;
            }
            Duration duration;
            try {
                duration = Duration.parse(value instanceof String s ? s : "");
            } catch (DateTimeParseException e) {
                throw new InvalidRequest("'" + name + "' must be an ISO-8601 duration such as PT1H");
            }
            if (duration.isNegative() || duration.isZero() || duration.compareTo(max) > 0) {
                throw new InvalidRequest("'" + name + "' must be over zero and at most " + max);
            }
            return duration;
        }

        /** A required non-blank string of at most {@code maxLength} characters. */
        public String text(String name, int maxLength) {
            Object value = values.get(name);
            if (!(value instanceof String s) || s.isBlank()) {
                throw new InvalidRequest("'" + name + "' is required and must be a non-blank string");
            }
            if (s.length() > maxLength) {
                throw new InvalidRequest("'" + name + "' must be at most " + maxLength + " characters");
            }
            return s;
        }

        /** An optional string (null when absent) of at most {@code maxLength} characters. */
        public @Nullable String optionalText(String name, int maxLength) {
            Object value = values.get(name);
            if (value == null) {
                return null;
            }
            if (!(value instanceof String s) || s.length() > maxLength) {
                throw new InvalidRequest("'" + name + "' must be a string of at most " + maxLength + " characters");
            }
            return s;
        }

        /** A required JSON integer (not a float, not a string) within {@code min..max}. */
        public int integer(String name, int min, int max) {
            Object value = values.get(name);
            if (!(value instanceof Integer i)) {
                throw new InvalidRequest("'" + name + "' is required and must be an integer");
            }
            if (i < min || i > max) {
                throw new InvalidRequest("'" + name + "' must be in " + min + ".." + max + ", got " + i);
            }
            return i;
        }

        /** Like {@link #integer}, with a default when the field is absent. */
        public int integer(String name, int min, int max, int defaultValue) {
            return has(name) ? integer(name, min, max) : defaultValue;
        }

        /** A decimal given as a JSON number or a string such as {@code "19.99"}. */
        public BigDecimal decimal(String name) {
            Object value = values.get(name);
            try {
                if (value instanceof String s) {
                    return new BigDecimal(s.trim());
                }
                if (value instanceof Number n) {
                    return new BigDecimal(n.toString());
                }
            } catch (NumberFormatException e) {
                throw new InvalidRequest("'" + name + "' must be a decimal number, got '" + value + "'");
            }
            throw new InvalidRequest("'" + name + "' is required and must be a decimal number");
        }

        /**
         * An optional ISO-8601 instant from {@link #EARLIEST} to {@link #LATEST}: what a MySQL {@code DATETIME(3)}
         * holds (and epoch milliseconds, which the grid keeps, easily).
         */
        public Instant instant(String name, Instant defaultValue) {
            Object value = values.get(name);
            if (value == null) {
                return defaultValue;
            }
            Instant instant;
            try {
                instant = Instant.parse((String) value);
            } catch (ClassCastException | DateTimeParseException e) {
                throw new InvalidRequest("'" + name + "' must be an ISO-8601 instant such as 2026-01-01T10:00:00Z");
            }
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                throw new InvalidRequest("'" + name + "' must be from " + EARLIEST + " to " + LATEST);
            }
            return instant;
        }
    }
}
