package dev.tocsin.eventing.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a JSON body's reader could not make sense of, in the API's words: the JSON path of the value
 * and what it must be ("must be an ISO-8601 instant"), never the Java type the reader wanted.
 */
public final class JsonProblems {

    private JsonProblems() {
    }

    /** The problem for a body that could not be read. */
    public static Problem of(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatch) {
            String field = path(mismatch);
            String message = expected(mismatch.getTargetType());
            if (field.isEmpty()) {
                return Problem.of(400, "Bad Request", "the request body " + message,
                        List.of());
            }
            return ProblemException.badRequest(field, message).problem();
        }
        if (e instanceof JsonMappingException mapping && mapping.getCause() instanceof JsonProcessingException cause) {
            // The body ended or broke while a value was being read: malformed, at that value.
            return malformed(cause, path(mapping));
        }
        if (e instanceof JsonMappingException mapping && !path(mapping).isEmpty()) {
            return ProblemException.badRequest(path(mapping), "is not valid here").problem();
        }
        return malformed(e, e.getProcessor() instanceof JsonParser parser ? path(parser.getParsingContext()) : "");
    }

    private static Problem malformed(JsonProcessingException e, String field) {
        String message = e instanceof StreamConstraintsException ? constraint(e.getOriginalMessage()) : syntax(e);
        if (!field.isEmpty() && e instanceof StreamConstraintsException) {
            return ProblemException.badRequest(field, message).problem();
        }
        return Problem.of(400, "Bad Request", "the request body is malformed JSON: " + message
                + (field.isEmpty() ? "" : " (at " + field + ")"), List.of());
    }

    /** What a value must be to be read as {@code type}. */
    public static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "must be a string";
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return "must be an ISO-8601 instant like 2026-11-26T09:00:00Z";
        }
        if (type == LocalDate.class) {
            return "must be an ISO-8601 date like 2026-11-26";
        }
        if (type == LocalTime.class) {
            return "must be a time of day like 09:00";
        }
        if (type == Duration.class) {
            return "must be an ISO-8601 duration like PT5M";
        }
        if (ZoneId.class.isAssignableFrom(type)) {
            return "must be an IANA time zone like Europe/Berlin";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (List.of(int.class, long.class, short.class, byte.class, Integer.class, Long.class, Short.class, Byte.class,
                java.math.BigInteger.class).contains(type)) {
            return "must be an integer in range";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "must be a number";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.getName().startsWith("java.")) {
            return "must be an object";
        }
        return "has the wrong type";
    }

    private static String constraint(String message) {
        String m = message == null ? "" : message;
        if (m.contains("nesting depth")) {
            return "is nested too deeply";
        }
        if (m.contains("String value length")) {
            return "is a string longer than allowed";
        }
        if (m.contains("Number value length")) {
            return "is a number with too many digits";
        }
        return "is larger than allowed";
    }

    /** The parser's own words without what only a programmer reads (types in backticks, source excerpts). */
    private static String syntax(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "malformed" : e.getOriginalMessage();
        int cut = m.indexOf(" (start marker");
        m = cut > 0 ? m.substring(0, cut) : m;
        cut = m.indexOf("[Source");
        m = cut > 0 ? m.substring(0, cut) : m;
        m = m.replaceAll("`[^`]*`", "a value").replace("JsonToken.", "").strip();
        String at = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return m + at;
    }

    /** A JSON path in the API's notation: {@code matchers[0].value}. */
    static String path(JsonMappingException e) {
        List<Object> segments = new java.util.ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                segments.add(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                segments.add(ref.getIndex());
            }
        }
        return join(segments);
    }

    /** The same notation for where a streaming parser stands. */
    static String path(JsonStreamContext context) {
        List<Object> segments = new java.util.ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                segments.add(0, c.getCurrentName());
            } else if (c.inArray() && c.getCurrentIndex() >= 0) {
                segments.add(0, c.getCurrentIndex());
            }
        }
        return join(segments);
    }

    private static String join(List<Object> segments) {
        StringBuilder path = new StringBuilder();
        for (Object segment : segments) {
            if (segment instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(segment);
            }
        }
        return path.toString();
    }
}
