package dev.tocsin.notifier;

import static dev.tocsin.notifier.Api.ADMIN;
import static dev.tocsin.notifier.Api.putEmail;
import static dev.tocsin.notifier.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.testing.SmtpTestResource;
import dev.tocsin.testing.TocsinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.agroal.api.AgroalDataSource;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contact methods only for ids escalation can page, and notifier's lists paged by cursor. */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SmtpTestResource.class, restrictToAnnotatedClass = false)
class NotifierListsIT {

    @Test
    void aContactMethodForAnIdEscalationRefusesIsRefused() {
        // Upper case, '@' and ':' were accepted here but never by escalation-service's user ids.
        for (String user : List.of("Erin", "erin@example.com", "team:erin", "-erin")) {
            putEmail(user, "work", "erin@example.com").statusCode(400).body("errors[0].field", equalTo("userId"));
        }
    }

    @Test
    void contactMethodsPageByCursorToTheEnd() {
        String user = unique("fay");
        for (int i = 0; i < 5; i++) {
            putEmail(user, "m" + i, "fay" + i + "@example.com").statusCode(201);
        }
        List<String> seen = new ArrayList<>();
        String next = "/api/v1/users/" + user + "/contact-methods?limit=2";
        for (int pages = 0; next != null; pages++) {
            assertTrue(pages < 5, "paging does not end");
            Response page = given().header("Authorization", ADMIN).get(next);
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("id", String.class));
            String link = page.header("Link");
            next = link == null ? null : link.substring(1, link.indexOf('>'));
        }
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), seen);
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void deliveriesPageNewestFirstWithTiesBrokenById() throws Exception {
        String user = unique("gus");
        Instant base = Instant.parse("2026-06-01T12:00:00Z");
        // d1 and d2 changed at the same instant: the id decides, so a page break between them loses neither.
        Map<String, Instant> updated = Map.of("d0", base, "d1", base.plusSeconds(60), "d2", base.plusSeconds(60),
                "d3", base.plusSeconds(120), "d4", base.plusSeconds(180));
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "insert into deliveries (id, request_id, page_id, user_id, status, attempts, updated_at) "
                        + "values (?, 'r', 'p', ?, 'SENT', 1, ?)")) {
            for (var delivery : updated.entrySet()) {
                insert.setString(1, user + "-" + delivery.getKey());
                insert.setString(2, user);
                insert.setTimestamp(3, Timestamp.from(delivery.getValue()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        List<String> seen = new ArrayList<>();
        String next = "/api/v1/deliveries?limit=2&userId=" + user;
        for (int pages = 0; next != null; pages++) {
            assertTrue(pages < 5, "paging does not end");
            Response page = given().header("Authorization", ADMIN).get(next);
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("id", String.class));
            String link = page.header("Link");
            next = link == null ? null : link.substring(1, link.indexOf('>'));
        }
        assertEquals(List.of("d4", "d3", "d2", "d1", "d0").stream().map(d -> user + "-" + d).toList(), seen);
    }

    @Test
    void aBadLimitOrCursorIsRefusedNamingIt() {
        given().header("Authorization", ADMIN).queryParam("limit", "lots").get("/api/v1/deliveries").then()
                .statusCode(400).body("errors[0].field", equalTo("limit"));
        given().header("Authorization", ADMIN).queryParam("limit", 0).get("/api/v1/deliveries").then()
                .statusCode(400).body("errors[0].field", equalTo("limit"));
        given().header("Authorization", ADMIN).queryParam("cursor", "bm90LWpzb24").get("/api/v1/deliveries").then()
                .statusCode(400).body("errors[0].field", equalTo("cursor"));
        given().header("Authorization", ADMIN).queryParam("limit", 1000).queryParam("userId", unique("nobody"))
                .get("/api/v1/deliveries").then().statusCode(200).header("Link", nullValue());
    }
}
