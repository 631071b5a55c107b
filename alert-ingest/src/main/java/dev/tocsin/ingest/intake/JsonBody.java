package dev.tocsin.ingest.intake;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.eventing.api.ProblemException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads an intake body as JSON, strictly: the bytes must be valid UTF-8 (RFC 8259), so an overlong
 * encoding cannot smuggle in a character that the JSON text does not show. Jackson on its own
 * decodes the overlong {@code C0 80} as U+0000; decoding first with a reporting decoder refuses it.
 * Every failure is a {@link ProblemException} with status 400, in the API's words.
 */
public final class JsonBody {

    private JsonBody() {
    }

    /** The body as a JSON tree; 400 when it is not valid UTF-8 or not JSON. */
    public static JsonNode read(ObjectMapper json, byte[] body) {
        String text = decode(body);
        if (text.isBlank()) {
            throw ProblemException.badRequest("$", "the body is empty; a JSON document is required");
        }
        try (JsonParser parser = json.createParser(text)) {
            JsonNode tree = json.readTree(parser);
            if (tree == null || parser.nextToken() != null) {
                throw ProblemException.badRequest("$", "must be one JSON document, with nothing after it");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("$", "is malformed JSON" + where(e.getLocation()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tree as the format's type; 400 naming the path of a value of the wrong type. */
    public static <T> T map(ObjectMapper json, JsonNode tree, Class<T> type) {
        try {
            return json.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            String path = path(e);
            throw ProblemException.badRequest(path.isEmpty() ? "$" : path, "has the wrong type or format");
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("$", "is malformed JSON");
        }
    }

    /** The body as text; 400 when it is not valid UTF-8. A leading byte order mark is dropped. */
    static String decode(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(body == null ? new byte[0] : body));
            String text = chars.toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("$", "is not valid UTF-8 (JSON must be UTF-8; overlong or malformed "
                    + "byte sequences are refused)");
        }
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.replace(0, path.length(), StorableText.member(path.toString(), ref.getFieldName()));
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
