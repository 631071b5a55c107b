package dev.tocsin.eventing.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Where a page of a list ended: the sort key of its last item, handed to the caller as an opaque
 * token (base64url of a JSON array of strings) and given back to fetch the next page with a keyset
 * condition ({@code (opened_at, id) < (:at, :id)}), so a deep page costs what the first one does.
 */
public record Cursor(List<String> keys, String field) {

    /** Longer than any cursor a list gives out; a longer one is refused before it is decoded. */
    static final int MAX_LENGTH = 2048;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /** @param field the query parameter the cursor travels in, named when it is refused */
    public Cursor {
        keys = List.copyOf(keys);
    }

    public static Cursor of(Object... keys) {
        return new Cursor(java.util.Arrays.stream(keys).map(String::valueOf).toList(), "cursor");
    }

    /** The opaque token for {@code keys}. */
    public String encode() {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(keys));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decodes a cursor this API gave out; 400 naming {@code field} for anything else. */
    public static Cursor decode(String text, String field) {
        if (text.length() > MAX_LENGTH) {
            throw invalid(field);
        }
        try {
            List<String> keys = JSON.readValue(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8),
                    STRINGS);
            if (keys == null || keys.isEmpty() || keys.contains(null)) {
                throw invalid(field);
            }
            return new Cursor(keys, field);
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw invalid(field);
        }
    }

    /** The i-th key; 400 naming {@code cursor} when this cursor has fewer keys, as one of another list would. */
    public String string(int i) {
        if (i >= keys.size()) {
            throw invalid(field);
        }
        return keys.get(i);
    }

    public Instant instant(int i) {
        try {
            return Instant.parse(string(i));
        } catch (java.time.DateTimeException e) {
            throw invalid(field);
        }
    }

    public long number(int i) {
        try {
            return Long.parseLong(string(i));
        } catch (NumberFormatException e) {
            throw invalid(field);
        }
    }

    static ProblemException invalid(String field) {
        return ProblemException.badRequest(field, "is not a cursor this list gave out; "
                + "use the one in the previous answer's Link header, or omit it for the first page");
    }
}
