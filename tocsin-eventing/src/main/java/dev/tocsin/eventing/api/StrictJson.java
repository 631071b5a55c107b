package dev.tocsin.eventing.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The checks a management API body passes before it is read: well-formed UTF-8 (no overlong or
 * surrogate byte sequences, which a lenient decoder turns into other characters), one JSON value
 * and nothing after it, at most {@value #MAX_DEPTH} levels deep, and no string or name holding a
 * control character or an unpaired surrogate, which the database refuses or a reader cannot show.
 */
public final class StrictJson {

    /** Deeper than any document of Tocsin's APIs needs. */
    public static final int MAX_DEPTH = 32;

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private StrictJson() {
    }

    /** Throws a 400 problem naming the first thing wrong with the body; does nothing for an empty one. */
    public static void check(byte[] body) {
        if (body.length == 0) {
            return;
        }
        long invalid = firstInvalidUtf8(body);
        try (JsonParser parser = FACTORY.createParser(body)) {
            int depth = 0;
            JsonToken token;
            do {
                token = parser.nextToken();
                if (token == null) {
                    break;
                }
                if (token.isStructStart() && ++depth > MAX_DEPTH) {
                    throw problem(outermost(JsonProblems.path(parser.getParsingContext())),
                            "is nested deeper than " + MAX_DEPTH + " levels");
                }
                if (token.isStructEnd()) {
                    depth--;
                }
                if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
                    long start = parser.currentTokenLocation().getByteOffset();
                    String why = unstorable(parser.getText());
                    if (invalid >= start && invalid < parser.currentLocation().getByteOffset()) {
                        why = "is not valid UTF-8 (an overlong or invalid byte sequence)";
                    }
                    if (why != null) {
                        throw problem(JsonProblems.path(parser.getParsingContext()),
                                (token == JsonToken.FIELD_NAME ? "has a name that " : "") + why);
                    }
                }
            } while (depth > 0);
            if (invalid >= 0) {
                throw new ProblemException(400, "Bad Request", "the request body is not valid UTF-8 (byte "
                        + invalid + " starts an invalid or overlong sequence)");
            }
            if (parser.nextToken() != null) {
                throw new ProblemException(400, "Bad Request",
                        "the request body is malformed JSON: it goes on after its one value");
            }
        } catch (JsonProcessingException e) {
            Problem problem = JsonProblems.of(e);
            throw new ProblemException(400, problem.title(), problem.detail(),
                    problem.errors() == null ? java.util.List.of() : problem.errors());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why a string cannot be stored as it is, or null when it can. */
    public static String unstorable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                return String.format("must not contain control characters (U+%04X)", (int) c);
            }
            if (Character.isHighSurrogate(c) && (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)))) {
                return "must not contain an unpaired surrogate (\\u" + Integer.toHexString(c) + ")";
            }
        }
        return null;
    }

    /** The value a run of nested arrays starts in: {@code a.b[0][0][0]} is {@code a.b}. */
    private static String outermost(String path) {
        int from = Math.max(0, path.lastIndexOf('.'));
        int bracket = path.indexOf('[', from);
        return bracket < 0 ? path : path.substring(0, bracket);
    }

    private static ProblemException problem(String field, String message) {
        return field.isEmpty() ? new ProblemException(400, "Bad Request", "the request body " + message)
                : ProblemException.badRequest(field, message);
    }

    /** The offset of the first byte that does not start a well-formed UTF-8 sequence, or -1. */
    private static long firstInvalidUtf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(Math.min(body.length, 8192));
        while (true) {
            CoderResult result = in.hasRemaining() ? decoder.decode(in, out, true) : decoder.flush(out);
            if (result.isError()) {
                return in.position();
            }
            if (result.isUnderflow() && !in.hasRemaining()) {
                return -1;
            }
            out.clear();
        }
    }
}
