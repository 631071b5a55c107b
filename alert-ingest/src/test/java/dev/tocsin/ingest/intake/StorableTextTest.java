package dev.tocsin.ingest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.eventing.api.Problem.FieldError;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Which strings the pipeline can store, and how a bad one is named. */
class StorableTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
            // Plain text, and the three control characters text legitimately holds.
            "disk full", "line one\nline two\r\n\tindented",
            // A pair of surrogates is one character outside the BMP, valid UTF-8 when written.
            "paged \uD83D\uDEA8", "",
            // DEL and C1 controls are printable enough for PostgreSQL and JSON; only C0 is refused.
            "\u007f\u0085"})
    void storable(String text) {
        assertNull(StorableText.problem(text));
    }

    static Stream<Arguments> controls() {
        return Stream.of(
                // NUL: PostgreSQL's text and jsonb refuse it, so the decision batch could never commit.
                Arguments.of("x\u0000y", "U+0000 (at character 1)"),
                // Other C0 controls: storable, but they break terminals, logs and e-mail headers.
                Arguments.of("\u001b[31mred", "U+001B (at character 0)"),
                Arguments.of("bell\u0007", "U+0007 (at character 4)"));
    }

    @ParameterizedTest
    @MethodSource("controls")
    void controlCharacters(String text, String expected) {
        assertEquals("must not contain the control character " + expected, StorableText.problem(text));
    }

    @Test
    void unpairedSurrogatesCannotBeWrittenAsUtf8() {
        // A high surrogate without its low half, at the end and in the middle, and a lone low one.
        assertEquals("must not contain the unpaired surrogate U+D83D (at character 1)", StorableText.problem("a\uD83D"));
        assertTrue(StorableText.problem("\uD83Dx").contains("U+D83D"));
        assertTrue(StorableText.problem("x\uDEA8").contains("U+DEA8"));
    }

    @Test
    void everyStringOfABodyIsNamedByItsJsonPathMemberNamesIncluded() throws Exception {
        String body = "[{\"labels\":{\"alertname\":\"x\\u0000y\"}},"
                + "{\"annotations\":{\"summary\":\"ok\"},\"details\":{\"deep\":[1,{\"v\":\"\\ud800\"}]}},"
                + "{\"labels\":{\"a\\u0001b\":\"v\"},\"odd-name\":\"\\u0002\"}]";
        List<FieldError> errors = StorableText.check(JSON.readTree(body), "");
        assertEquals(List.of("[0].labels.alertname", "[1].details.deep[1].v", "[2].labels[\"a\\u0001b\"]",
                "[2][\"odd-name\"]"), errors.stream().map(FieldError::field).toList());
        assertTrue(errors.get(2).message().startsWith("member name must not contain"));
    }

    @Test
    void aBadStringAsTheWholeBodyIsNamedAsTheRoot() throws Exception {
        assertEquals(List.of("$"), StorableText.check(JSON.readTree("\"\\u0000\""), "").stream()
                .map(FieldError::field).toList());
    }
}
