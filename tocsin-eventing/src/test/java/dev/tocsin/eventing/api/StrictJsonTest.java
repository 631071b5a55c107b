package dev.tocsin.eventing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StrictJsonTest {

    static Stream<Arguments> refused() {
        return Stream.of(
                // PostgreSQL refuses NUL in text and jsonb: the 500 behind a stalled consumer.
                Arguments.of("{\"comment\":\"a\\u0000b\"}", "comment"),
                // A BEL is storable but never meant; the same rule as intake's.
                Arguments.of("{\"matchers\":[{\"value\":\"a\\u0007\"}]}", "matchers[0].value"),
                // An unpaired surrogate cannot be encoded as UTF-8 when the value is shown again.
                Arguments.of("{\"a\":{\"b\":\"\\ud800x\"}}", "a.b"),
                Arguments.of("{\"a\":[\"ok\",\"\\udc00\"]}", "a[1]"),
                // A name counts as much as a value.
                Arguments.of("{\"x\\u0000\":1}", "x\u0000"));
    }

    @ParameterizedTest
    @MethodSource
    void refused(String body, String field) {
        ProblemException e = assertThrows(ProblemException.class, () -> StrictJson.check(bytes(body)));
        assertEquals(List.of(field), e.problem().errors().stream().map(Problem.FieldError::field).toList());
    }

    @Test
    void overlongUtf8IsRefusedByTheFieldThatHoldsIt() {
        byte[] body = bytes("{\"name\":\"ok\",\"comment\":\"a__b\"}");
        int at = new String(body, StandardCharsets.UTF_8).indexOf("__");
        // 0xC0 0xAF is an overlong '/': a lenient decoder reads it as a slash.
        body[at] = (byte) 0xC0;
        body[at + 1] = (byte) 0xAF;
        byte[] bad = body;
        ProblemException e = assertThrows(ProblemException.class, () -> StrictJson.check(bad));
        assertEquals("comment", e.problem().errors().get(0).field());
    }

    @Test
    void deepNestingAndTrailingContentAreRefusedAsTheBody() {
        String deep = "[".repeat(StrictJson.MAX_DEPTH + 1) + "]".repeat(StrictJson.MAX_DEPTH + 1);
        assertEquals("the request body is nested deeper than 32 levels",
                assertThrows(ProblemException.class, () -> StrictJson.check(bytes(deep))).problem().detail());
        assertEquals("the request body is malformed JSON: it goes on after its one value",
                assertThrows(ProblemException.class, () -> StrictJson.check(bytes("{}{}"))).problem().detail());
    }

    @Test
    void wellFormedBodiesPass() {
        // Tabs, newlines, emoji (a paired surrogate) and an empty body are all fine.
        StrictJson.check(bytes("{\"comment\":\"line\\n\\ttab \uD83D\uDE00\",\"n\":[1,{\"a\":null}]}"));
        StrictJson.check(new byte[0]);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
