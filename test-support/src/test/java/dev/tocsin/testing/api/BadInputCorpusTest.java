package dev.tocsin.testing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BadInputCorpusTest {

    private static final String DOCUMENT = """
            {"openapi": "3.1.0",
             "paths": {
               "/api/v1/silences/{id}": {
                 "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                 "get": {}
               },
               "/api/v1/silences": {
                 "get": {"parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}},
                                        {"name": "state", "in": "query", "schema": {"enum": ["active", "expired"]}}]},
                 "post": {"requestBody": {"content": {"application/json": {"schema": {"type": "object",
                   "properties": {"matchers": {"type": "array", "items": {"type": "object",
                                    "properties": {"value": {"type": "string"}}}},
                                  "endsAt": {"type": "string", "format": "date-time"}}}}}}}
               }
             }}
            """;

    private static List<BadRequest> corpus(long seed) throws Exception {
        return BadInputCorpus.of(OpenApiOperations.parse(new ObjectMapper().readTree(DOCUMENT)),
                Map.of("/api/v1/silences/{id}", "known"), Map.of(), seed);
    }

    @Test
    void theSameSeedGivesTheSameRequests() throws Exception {
        List<BadRequest> one = corpus(BadInputCorpus.SEED);
        List<BadRequest> two = corpus(BadInputCorpus.SEED);
        assertEquals(one.size(), two.size());
        for (int i = 0; i < one.size(); i++) {
            assertEquals(one.get(i).toString(), two.get(i).toString());
            assertTrue(Arrays.equals(one.get(i).body(), two.get(i).body()), one.get(i).toString());
        }
    }

    @Test
    void everyValueOfTheBodyIsBrokenInEachWay() throws Exception {
        List<String> broken = corpus(BadInputCorpus.SEED).stream().filter(r -> r.method().equals("POST"))
                .map(BadRequest::broken).toList();
        for (String expected : List.of("matchers[0].value: a NUL character", "matchers[0].value: an invalid regex",
                "matchers[0].value: overlong UTF-8 bytes (0xC0 0xAF)", "endsAt: an invalid instant",
                "matchers: 2,000 levels of nested arrays", "matchers: a string for an array", "truncated JSON",
                "content type text/plain", "an empty body")) {
            assertTrue(broken.contains(expected), expected + " in " + broken);
        }
    }

    @Test
    void valuesNoLibraryWritesAreInTheBytes() throws Exception {
        for (BadRequest request : corpus(BadInputCorpus.SEED)) {
            String body = request.body() == null ? "" : new String(request.body(), StandardCharsets.ISO_8859_1);
            assertFalse(body.contains("\uE000"), "a marker left in " + request);
            if (request.broken().contains("overlong")) {
                assertTrue(body.contains("\u00C0\u00AF"), request.toString());
            }
            if (request.broken().contains("unpaired high surrogate")) {
                assertTrue(body.contains("\\ud800"), request.toString());
            }
        }
    }

    @Test
    void idsAndQueryValuesAreSentAsAHostileClientSendsThem() throws Exception {
        List<String> targets = corpus(BadInputCorpus.SEED).stream().map(BadRequest::target).toList();
        assertTrue(targets.contains("/api/v1/silences/%00"));
        assertTrue(targets.contains("/api/v1/silences/.."));
        assertTrue(targets.contains("/api/v1/silences?limit=abc"));
        assertTrue(targets.contains("/api/v1/silences?state=bogus"));
        // A method the path does not declare.
        assertTrue(corpus(BadInputCorpus.SEED).stream().anyMatch(r -> r.method().equals("POST")
                && r.target().equals("/api/v1/silences/known")));
    }
}
