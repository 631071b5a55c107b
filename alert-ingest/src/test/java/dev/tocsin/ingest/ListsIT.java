package dev.tocsin.ingest;

import static dev.tocsin.ingest.Intake.ADMIN;
import static dev.tocsin.ingest.Intake.alert;
import static dev.tocsin.ingest.Intake.createKey;
import static dev.tocsin.ingest.Intake.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.testing.TocsinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every list of alert-ingest pages by cursor with a bounded limit, an alert's detail shows its
 * newest history with a way to the older, and management bodies are bounded.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class ListsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Follows Link rel="next" from {@code first} and collects {@code field} of every item, in order. */
    private static List<String> walk(String first, String field) {
        List<String> seen = new ArrayList<>();
        String next = first;
        for (int pages = 0; next != null; pages++) {
            assertTrue(pages < 200, "paging does not end");
            Response page = given().header("Authorization", ADMIN).get(next);
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList(field, String.class));
            String link = page.header("Link");
            next = link == null ? null : link.substring(1, link.indexOf('>'));
        }
        return seen;
    }

    private static List<String> all(String path, String field) {
        return given().header("Authorization", ADMIN).queryParam("limit", 1000).get(path).then().statusCode(200)
                .header("Link", nullValue()).extract().jsonPath().getList(field, String.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/alerts", "/api/v1/alert-groups", "/api/v1/silences", "/api/v1/maintenance-windows",
            "/api/v1/integration-keys", "/api/v1/services"})
    void everyListRefusesABadLimitOrCursorNamingIt(String path) {
        // A non-numeric limit used to be a 404, as if the list did not exist.
        for (String limit : List.of("ten", "0", "1001", "-1")) {
            given().header("Authorization", ADMIN).queryParam("limit", limit).get(path).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        }
        for (String cursor : List.of("%%%", "bm90LWpzb24")) {
            given().header("Authorization", ADMIN).queryParam("cursor", cursor).get(path).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
        }
    }

    @Test
    void alertSearchAndKeysAndWindowsWalkPageByPageToTheSameList() {
        String service = unique("pager");
        Intake.Key key = createKey(service);
        createKey(service);
        createKey(service);
        for (int i = 0; i < 3; i++) {
            post(key.secret(), List.of(alert(Map.of("alertname", "Paged" + i, "service", service, "severity", "warning"),
                    Map.of(), null))).statusCode(202);
            given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("service", service,
                            "endsAt", Instant.now().plusSeconds(3600 + i).toString(), "createdBy", "it", "comment", "paging test"))
                    .post("/api/v1/maintenance-windows").then().statusCode(201);
        }
        String search = "/api/v1/alerts?service=" + service;
        Awaitility.await().atMost(WAIT).until(() -> all(search, "id").size() == 3);
        // The filter travels in the Link: the walk stays within the service.
        assertEquals(all(search, "id"), walk(search + "&limit=1", "id"));
        String windows = "/api/v1/maintenance-windows?service=" + service;
        assertEquals(3, all(windows, "id").size());
        assertEquals(all(windows, "id"), walk(windows + "&limit=2", "id"));
        assertEquals(all("/api/v1/integration-keys", "id"), walk("/api/v1/integration-keys?limit=2", "id"));
    }

    @Test
    void anAlertShowsItsNewestHistoryAndLinksTheOlder() {
        String service = unique("history");
        Intake.Key key = createKey(service);
        String alertname = unique("Repeated");
        String id = null;
        for (int count = 1; count <= 3; count++) {
            post(key.secret(), List.of(alert(Map.of("alertname", alertname, "service", service), Map.of(), null)))
                    .statusCode(202);
            int expected = count;
            // One signal at a time, so each repeat is an entry of its own.
            Awaitility.await().atMost(WAIT).until(() -> given().header("Authorization", ADMIN)
                    .get("/api/v1/alerts?service=" + service).then().extract().jsonPath()
                    .getList("count", Integer.class).equals(List.of(expected)));
            id = given().header("Authorization", ADMIN).get("/api/v1/alerts?service=" + service).then().extract()
                    .path("[0].id");
        }
        Response newest = given().header("Authorization", ADMIN).queryParam("historyLimit", 1).get("/api/v1/alerts/" + id);
        newest.then().statusCode(200).body("history.size()", equalTo(1)).body("history[0].event", equalTo("AlertRepeated"))
                .body("historyCount", equalTo(3)).body("history[0].count", equalTo(3));
        String older = newest.path("olderHistory");
        assertNotNull(older);
        given().header("Authorization", ADMIN).get(older).then().statusCode(200)
                .body("history[0].count", equalTo(2)).body("history.size()", equalTo(1));
        // By default the whole short history is shown, oldest first, with nothing older.
        given().header("Authorization", ADMIN).get("/api/v1/alerts/" + id).then().statusCode(200)
                .body("history.event", equalTo(List.of("AlertOpened", "AlertRepeated", "AlertRepeated")))
                .body("olderHistory", nullValue());
        given().header("Authorization", ADMIN).queryParam("historyLimit", "all").get("/api/v1/alerts/" + id).then()
                .statusCode(400).body("errors[0].field", equalTo("historyLimit"));
    }

    @Test
    void aManagementBodyOver256KiBIsRefusedWith413ProblemJson() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"" + "x".repeat(300 * 1024) + "\"}").put("/api/v1/services/too-big").then()
                .statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
    }
}
