package dev.tocsin.testing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.testing.api.OpenApiOperations.Operation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiOperationsTest {

    private static final String DOCUMENT = """
            {"openapi": "3.1.0",
             "paths": {
               "/api/v1/silences/{id}": {
                 "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                 "get": {"operationId": "getSilence"},
                 "delete": {"parameters": [{"name": "reason", "in": "query", "schema": {"type": "string"}}]}
               },
               "/api/v1/silences": {
                 "post": {"requestBody": {"required": true,
                   "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewSilence"}}}}}
               }
             },
             "components": {"schemas": {
               "NewSilence": {"type": "object", "required": ["matchers"],
                 "properties": {"matchers": {"type": "array", "items": {"$ref": "#/components/schemas/Matcher"}},
                                "endsAt": {"type": "string", "format": "date-time"}}},
               "Matcher": {"type": "object", "properties": {"name": {"type": "string"}}}
             }}}
            """;

    @Test
    void listsEveryOperationWithItsInheritedAndOwnParameters() throws Exception {
        List<Operation> operations = OpenApiOperations.parse(new ObjectMapper().readTree(DOCUMENT));

        assertEquals(List.of("GET /api/v1/silences/{id}", "DELETE /api/v1/silences/{id}", "POST /api/v1/silences"),
                operations.stream().map(Operation::toString).toList());
        Operation delete = operations.get(1);
        assertEquals(List.of("id", "reason"), delete.parameters().stream().map(OpenApiOperations.Parameter::name).toList());
        assertTrue(delete.mutates());
        assertFalse(operations.get(0).mutates());
    }

    @Test
    void resolvesReferencesInsideRequestSchemas() throws Exception {
        Operation post = OpenApiOperations.parse(new ObjectMapper().readTree(DOCUMENT)).get(2);

        assertEquals(List.of("application/json"), post.requestMediaTypes());
        assertTrue(post.requestRequired());
        // A nested $ref (array items) is inlined, so a generator can walk the schema without the document.
        assertEquals("string", post.requestSchema().at("/properties/matchers/items/properties/name/type").asText());
    }

    @Test
    void fillsPathParametersUrlEncoded() throws Exception {
        Operation get = OpenApiOperations.parse(new ObjectMapper().readTree(DOCUMENT)).get(0);

        // A NUL must reach the server as %00, the way a hostile client sends it.
        assertEquals("/api/v1/silences/a%00b%20c", get.path(Map.of("id", "a\u0000b c")));
    }
}
