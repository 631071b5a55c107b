package dev.tocsin.eventing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PageRequestTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            // Absent or blank: the default.
            "null, 100", "'', 100", "' ', 100",
            // The bounds themselves are allowed, surrounding spaces forgiven.
            "1, 1", "1000, 1000", "' 42 ', 42"})
    void aLimitInRangeIsTaken(String limit, int expected) {
        assertEquals(expected, PageRequest.of(limit, null).limit());
        assertEquals(expected + 1, PageRequest.of(limit, null).fetch());
    }

    @ParameterizedTest
    // Non-numbers used to be a 404; out of range, fractions and overflow are the same mistake.
    @ValueSource(strings = {"ten", "0", "-1", "1001", "1.5", "99999999999", "0x10"})
    void anyOtherLimitIsA400NamingLimit(String limit) {
        ProblemException e = assertThrows(ProblemException.class, () -> PageRequest.of(limit, null));
        assertEquals("limit", e.problem().errors().get(0).field());
        assertTrue(e.problem().errors().get(0).message().contains("1 to 1000"));
    }

    @ParameterizedTest
    @CsvSource({"2026-11-26T09:00:00.123456Z, page-1", "1970-01-01T00:00:00Z, 'ids, with \"quotes\" and ünïcode'"})
    void aCursorComesBackAsItWasGiven(String at, String id) {
        String token = Cursor.of(Instant.parse(at), id).encode();
        // URL-safe: it travels in a query string and a Link header unescaped.
        assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
        Cursor cursor = PageRequest.of(null, token).after().orElseThrow();
        assertEquals(Instant.parse(at), cursor.instant(0));
        assertEquals(id, cursor.string(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%%%", "bm90LWpzb24", "e30", "W10", "W251bGxd"})
    void aCursorNoListGaveOutIsA400NamingCursor(String token) {
        // Undecodable, not JSON, an object, an empty array, [null].
        ProblemException e = assertThrows(ProblemException.class, () -> PageRequest.of(null, token));
        assertEquals("cursor", e.problem().errors().get(0).field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"WyJ4Il0"})
    void aCursorOfAnotherListIsA400WhenItsKeysDoNotFit(String token) {
        // ["x"]: decodes, but it holds no instant, and no second key.
        Cursor cursor = PageRequest.of(null, token).after().orElseThrow();
        assertEquals("cursor", assertThrows(ProblemException.class, () -> cursor.instant(0)).problem().errors().get(0).field());
        assertEquals("cursor", assertThrows(ProblemException.class, () -> cursor.string(1)).problem().errors().get(0).field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x"})
    void aPageInsideAnotherAnswerNamesItsOwnParameters(String bad) {
        assertEquals("historyLimit", assertThrows(ProblemException.class,
                () -> PageRequest.of("historyLimit", bad, "historyCursor", null, 100, 1000)).problem().errors().get(0).field());
        assertEquals("historyCursor", assertThrows(ProblemException.class,
                () -> PageRequest.of("historyLimit", null, "historyCursor", bad, 100, 1000)).problem().errors().get(0).field());
        assertEquals(Optional.empty(), PageRequest.of("historyLimit", null, "historyCursor", "", 100, 1000).after());
    }
}
