package dev.tocsin.testing.api;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;

/**
 * A service's part of the configuration document over its API, as a test edits it. A service's
 * tests share one database, so a test exports the running part, adds or removes its own items, and
 * plans or applies the result, as a team editing its file would, instead of replacing everyone's.
 */
public final class ConfigurationDocuments {

    private static final YAMLMapper YAML = new YAMLMapper();

    private ConfigurationDocuments() {
    }

    /** The running part, {@code GET /api/v1/configuration}, as a tree to edit. */
    public static ObjectNode exported() {
        return (ObjectNode) read(exportedText());
    }

    /**
     * The running part as exported, made a whole document: only escalation-service's part begins
     * with the version, as {@code ./tocsin export} prints the parts one after another.
     */
    public static String exportedText() {
        String part = given().header("Authorization", TestTokens.ADMIN).get("/api/v1/configuration")
                .then().statusCode(200).contentType("application/yaml").extract().asString();
        return part.startsWith("version:") ? part : "version: 1\n" + part;
    }

    /** Appends each section's items of {@code yaml} to the document's section, creating it if absent. */
    public static ObjectNode addAll(ObjectNode document, String yaml) {
        read(yaml).fields().forEachRemaining(section -> {
            ArrayNode items = document.has(section.getKey()) ? (ArrayNode) document.get(section.getKey())
                    : document.putArray(section.getKey());
            section.getValue().forEach(items::add);
        });
        return document;
    }

    /** Removes the items of a section whose {@code field} is {@code value}. */
    public static ObjectNode remove(ObjectNode document, String section, String field, String value) {
        ArrayNode items = (ArrayNode) document.get(section);
        for (int i = items.size() - 1; i >= 0; i--) {
            if (items.get(i).path(field).asText().equals(value)) {
                items.remove(i);
            }
        }
        return document;
    }

    public static ValidatableResponse plan(JsonNode document) {
        return plan(text(document));
    }

    public static ValidatableResponse plan(String document) {
        return given().header("Authorization", TestTokens.ADMIN).contentType("application/yaml")
                .body(document.getBytes(StandardCharsets.UTF_8)).post("/api/v1/configuration/plan").then();
    }

    public static ValidatableResponse apply(JsonNode document) {
        return apply(text(document));
    }

    public static ValidatableResponse apply(String document) {
        return given().header("Authorization", TestTokens.ADMIN).contentType("application/yaml")
                .body(document.getBytes(StandardCharsets.UTF_8)).put("/api/v1/configuration").then();
    }

    public static String text(JsonNode document) {
        try {
            return YAML.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not YAML: " + yaml, e);
        }
    }
}
