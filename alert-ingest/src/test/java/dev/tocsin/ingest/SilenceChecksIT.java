package dev.tocsin.ingest;

import static dev.tocsin.ingest.Intake.ADMIN;
import static dev.tocsin.ingest.Intake.alert;
import static dev.tocsin.ingest.Intake.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.testing.TocsinTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What a silence must say before it mutes anything, over HTTP against real Kafka and PostgreSQL:
 * matchers that would match every alert are refused with the reason, mutes last at most the
 * maximum duration, regexes are RE2, and a dry run names the open alerts a silence would mute
 * without creating it.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class SilenceChecksIT {

    @Inject
    AgroalDataSource dataSource;

    private static RequestSpecification admin() {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, String> matcher(String name, String op, String value) {
        return Map.of("name", name, "op", op, "value", value);
    }

    private static Map<String, Object> silence(List<Map<String, String>> matchers, Duration lasting) {
        return Map.of("matchers", matchers, "endsAt", Instant.now().plus(lasting).toString(), "createdBy", "alice",
                "comment", "checks");
    }

    @Test
    void aSilenceThatWouldMatchEveryAlertIsRefusedWithTheReason() {
        admin().body(silence(List.of(matcher("service", "=~", ".+")), Duration.ofHours(1)))
                .post("/api/v1/silences").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("matchers")))
                .body("errors[0].message", containsString("matches every alert: service=~\".+\" matches any service"));
        // Spelled otherwise, deciding the same: each is refused by evaluation, not by its text.
        for (List<Map<String, String>> everything : List.of(
                List.of(matcher("alertname", "!=", ""), matcher("service", "=~", ".*")),
                List.of(matcher("service", "!~", "x^")),
                List.of(matcher("alertname", "=~", "(?s).+"), matcher("team", "=~", ".*")))) {
            admin().body(silence(everything, Duration.ofHours(1))).post("/api/v1/silences").then().statusCode(400)
                    .body("errors.field", equalTo(List.of("matchers")))
                    .body("detail", containsString("matches every alert"));
        }
        // The same check holds for a dry run, which validates as a create does.
        admin().queryParam("dryRun", true).body(silence(List.of(matcher("service", "=~", ".+")), Duration.ofHours(1)))
                .post("/api/v1/silences").then().statusCode(400).body("errors.field", equalTo(List.of("matchers")));
        admin().body(silence(List.of(matcher("service", "=~", "check.*")), Duration.ofHours(1)))
                .post("/api/v1/silences").then().statusCode(201);
    }

    @Test
    void silencesAndMaintenanceWindowsLastAtMostSevenDays() {
        List<Map<String, String>> disk = List.of(matcher("alertname", "=", unique("Disk")));
        admin().body(silence(disk, Duration.ofDays(7).plusMinutes(5))).post("/api/v1/silences").then().statusCode(400)
                .body("errors.field", equalTo(List.of("endsAt")))
                .body("errors[0].message", containsString("at most 7 days"));
        admin().body(silence(disk, Duration.ofDays(7).minusMinutes(5))).post("/api/v1/silences").then()
                .statusCode(201);
        // A pending silence counts from its start.
        Instant start = Instant.now().plus(Duration.ofDays(30));
        admin().body(Map.of("matchers", disk, "startsAt", start.toString(), "endsAt",
                        start.plus(Duration.ofDays(8)).toString(), "createdBy", "a", "comment", "c"))
                .post("/api/v1/silences").then().statusCode(400).body("errors.field", equalTo(List.of("endsAt")))
                .body("errors[0].message", containsString("after startsAt"));
        // An end before the start was already refused; it still is.
        admin().body(Map.of("matchers", disk, "startsAt", start.toString(), "endsAt",
                        start.minusSeconds(60).toString(), "createdBy", "a", "comment", "c"))
                .post("/api/v1/silences").then().statusCode(400).body("errors.field", equalTo(List.of("endsAt")));

        String service = unique("svc");
        Directory.services(service);
        Map<String, Object> window = new HashMap<>(Map.of("service", service, "createdBy", "bob", "comment", "c"));
        window.put("endsAt", Instant.now().plus(Duration.ofDays(8)).toString());
        admin().body(window).post("/api/v1/maintenance-windows").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", equalTo(List.of("endsAt")));
        window.put("endsAt", Instant.now().plus(Duration.ofDays(6)).toString());
        admin().body(window).post("/api/v1/maintenance-windows").then().statusCode(201);
    }

    @Test
    void regexesAreRe2AndBoundedForSilencesAndUrgencyRules() {
        // A backreference compiled in java.util.regex; RE2 refuses it, and says so in regex terms.
        admin().body(silence(List.of(matcher("alertname", "=~", "(Disk)\\1")), Duration.ofHours(1)))
                .post("/api/v1/silences").then().statusCode(400)
                .body("errors.field", equalTo(List.of("matchers[0].value")))
                .body("errors[0].message", containsString("RE2 has no backreferences"));
        admin().body(silence(List.of(matcher("alertname", "=~", "D".repeat(1025))), Duration.ofHours(1)))
                .post("/api/v1/silences").then().statusCode(400)
                .body("errors.field", equalTo(List.of("matchers[0].value")))
                .body("errors[0].message", containsString("at most 1024 characters"));
        admin().body("{\"name\":\"x\",\"criticality\":\"INTERNAL\",\"urgencyRules\":[{\"matchers\":"
                        + "[{\"name\":\"alertname\",\"op\":\"=~\",\"value\":\"Disk(?=Full)\"}],\"urgency\":\"LOG\"}]}")
                .put("/api/v1/services/" + unique("svc")).then().statusCode(400)
                .body("errors.field", equalTo(List.of("urgencyRules[0].matchers[0].value")))
                .body("errors[0].message", containsString("RE2 has no lookahead"));
        // The backtracking case of the issue is an ordinary rule now, accepted and cheap.
        admin().body(silence(List.of(matcher("alertname", "=", unique("X")), matcher("summary", "=~", "(.*a){12}")),
                Duration.ofHours(1))).post("/api/v1/silences").then().statusCode(201);
    }

    @Test
    void aDryRunNamesTheOpenAlertsItWouldMuteAndCreatesNothing() throws SQLException {
        String service = unique("svc");
        Intake.Key key = Intake.createKey(service);
        post(key.secret(), List.of(firing(service, "DiskFull"), firing(service, "DiskSlow"), firing(service, "CPUHigh")))
                .statusCode(202);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", ADMIN).queryParam("service", service).get("/api/v1/alerts").then()
                .statusCode(200).body("$", hasSize(3)));
        long rulesBefore = count("select count(*) from suppressions");
        long deadlinesBefore = count("select count(*) from deadlines");

        admin().queryParam("dryRun", true).body(silence(List.of(matcher("service", "=", service),
                        matcher("alertname", "=~", "Disk.*")), Duration.ofHours(2)))
                .post("/api/v1/silences").then().statusCode(200)
                .body("dryRun", equalTo(true)).body("state", equalTo("active"))
                .body("count", equalTo(2)).body("complete", equalTo(true))
                .body("alerts.labels.alertname", containsInAnyOrder("DiskFull", "DiskSlow"))
                .body("alerts.service", equalTo(List.of(service, service)))
                .body("alerts.summary", containsInAnyOrder("DiskFull on " + service, "DiskSlow on " + service))
                .body("alerts[0].id", equalTo(given().header("Authorization", ADMIN).queryParam("service", service)
                        .queryParam("label", "alertname=~Disk.*").get("/api/v1/alerts").then().extract()
                        .path("[0].id")));
        // Anchored as a real silence is: "Disk" alone names no alert.
        admin().queryParam("dryRun", true).body(silence(List.of(matcher("service", "=", service),
                        matcher("alertname", "=~", "Disk")), Duration.ofHours(2)))
                .post("/api/v1/silences").then().statusCode(200).body("count", equalTo(0))
                .body("alerts", hasSize(0));
        // Invalid as a create would be: the same 400.
        admin().queryParam("dryRun", true).body(silence(List.of(matcher("service", "=", service)), Duration.ofDays(9)))
                .post("/api/v1/silences").then().statusCode(400).body("errors.field", equalTo(List.of("endsAt")));

        assertEquals(rulesBefore, count("select count(*) from suppressions"));
        assertEquals(deadlinesBefore, count("select count(*) from deadlines"));
        given().header("Authorization", ADMIN).get("/api/v1/alerts?service=" + service + "&disposition=suppressed")
                .then().statusCode(200).body("$", hasSize(0));
    }

    private static Map<String, Object> firing(String service, String alertname) {
        return alert(Map.of("alertname", alertname, "service", service, "severity", "warning"),
                Map.of("summary", alertname + " on " + service), null);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet row = s.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
