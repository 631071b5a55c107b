package dev.tocsin.eventing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonProblemsTest {

    enum Op { EQUAL, MATCH }

    record Matcher(String name, Op op) {
    }

    record Body(Instant endsAt, Duration deadline, ZoneId timeZone, int repeat, List<Matcher> matchers) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    static Stream<Arguments> detail() {
        return Stream.of(
                // Jackson says "Cannot deserialize value of type `java.time.Instant`"; a caller needs the format.
                Arguments.of("{\"endsAt\":\"tomorrow\"}", "endsAt: must be an ISO-8601 instant like 2026-11-26T09:00:00Z"),
                Arguments.of("{\"deadline\":\"five\"}", "deadline: must be an ISO-8601 duration like PT5M"),
                Arguments.of("{\"timeZone\":\"Mars/Olympus\"}", "timeZone: must be an IANA time zone like Europe/Berlin"),
                // An unknown constant: the allowed values, not the enum's class.
                Arguments.of("{\"matchers\":[{\"op\":\"LIKE\"}]}", "matchers[0].op: must be one of [EQUAL, MATCH]"),
                Arguments.of("{\"matchers\":[{\"name\":{}}]}", "matchers[0].name: must be a string"),
                Arguments.of("{\"repeat\":\"often\"}", "repeat: must be an integer in range"),
                Arguments.of("{\"matchers\":\"x\"}", "matchers: must be an array"),
                // The whole body of the wrong type names no field.
                Arguments.of("[]", "the request body must be an object"));
    }

    @ParameterizedTest
    @MethodSource
    void detail(String body, String detail) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> JSON.readValue(body, Body.class));
        Problem problem = JsonProblems.of(e);
        assertEquals(detail, problem.detail());
        assertFalse(problem.detail().contains("java.") || problem.detail().contains("dev.tocsin"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedJsonSaysWhereButNoSource(String body) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> JSON.readValue(body, Body.class));
        String detail = JsonProblems.of(e).detail();
        assertFalse(detail.contains("Source") || detail.contains("`"), detail);
        assertEquals(true, detail.startsWith("the request body is malformed JSON: ") && detail.contains("line 1"), detail);
    }

    static Stream<String> malformed() {
        // The first ends inside a value being read, which Jackson reports as a mapping error.
        return Stream.of("{\"matchers\":[{\"name\":\"x\"", "{\"endsAt\":", "{\"endsAt\" 1}", "not json",
                "{\"a\":[1,}");
    }
}
