package dev.tocsin.ingest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.eventing.api.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bodies are read as strict UTF-8 JSON, so no byte sequence can smuggle in what the text does not show. */
class JsonBodyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] quoted(String hex) {
        return HexFormat.of().parseHex("22" + hex + "22");
    }

    @Test
    void jacksonAloneDecodesAnOverlongNulWhichIsWhyTheBodyIsDecodedFirst() throws Exception {
        // The measured reason for the strict decoder: C0 80 becomes U+0000 inside Jackson.
        assertEquals("\u0000", JSON.readTree(quoted("c080")).textValue());
        ProblemException refused = assertThrows(ProblemException.class, () -> JsonBody.read(JSON, quoted("c080")));
        assertEquals(400, refused.problem().status());
        assertEquals("$", refused.problem().errors().get(0).field());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // Overlong NUL in three bytes, and an overlong '/'.
            "e08080", "c0af",
            // A UTF-16 surrogate encoded as UTF-8 (CESU-8), which no valid UTF-8 contains.
            "eda080",
            // A byte that never occurs in UTF-8, a truncated sequence, and five-byte form.
            "ff", "e282", "f888808080"})
    void malformedUtf8IsRefused(String hex) {
        assertThrows(ProblemException.class, () -> JsonBody.read(JSON, quoted(hex)));
    }

    @Test
    void validUtf8AndALeadingByteOrderMarkAreRead() {
        assertEquals("ünïcødé 🚨", JsonBody.read(JSON, "\"ünïcødé 🚨\"".getBytes(StandardCharsets.UTF_8)).textValue());
        assertEquals(1, JsonBody.read(JSON, "\uFEFF{\"a\":1}".getBytes(StandardCharsets.UTF_8)).get("a").intValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "[1,]", "nul", "{\"a\":1}}"})
    void emptyOrMalformedJsonIsRefused(String body) {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> JsonBody.read(JSON, body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, refused.problem().status());
    }
}
