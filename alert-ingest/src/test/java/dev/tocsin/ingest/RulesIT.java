package dev.tocsin.ingest;

import static dev.tocsin.ingest.Intake.ADMIN;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.eventing.Sql;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.ingest.service.BusinessHours;
import dev.tocsin.ingest.service.BusinessHoursConfig;
import dev.tocsin.ingest.service.ServiceProfile;
import dev.tocsin.ingest.service.ServiceProfileStore;
import dev.tocsin.ingest.silence.Suppression;
import dev.tocsin.ingest.silence.SuppressionRules;
import dev.tocsin.ingest.silence.Suppressions;
import dev.tocsin.testing.TocsinTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Silences, maintenance windows and service profiles through the REST API against real
 * PostgreSQL, then read back over JDBC as the pipeline reads them. Every test uses its own label
 * values and service ids, so tests sharing the database never see each other's rules.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class RulesIT {

    private static final String DEADLINE_KIND = "ingest.suppression-ended";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    BusinessHoursConfig businessHours;

    private static RequestSpecification admin() {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> silence(String run, Instant endsAt) {
        return Map.of("matchers", List.of(Map.of("name", "alertname", "op", "=", "value", "DiskFull"),
                        Map.of("name", "run", "op", "=~", "value", run)),
                "endsAt", endsAt.toString(), "createdBy", "alice", "comment", "db migration");
    }

    @Test
    void aSilenceIsCreatedListedLoadedByThePipelineAndExpiredEarly() throws SQLException {
        String run = unique("run");
        Instant endsAt = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        String id = admin().body(silence(run, endsAt)).post("/api/v1/silences").then().statusCode(201)
                .body("state", equalTo("active")).body("createdBy", equalTo("alice"))
                .body("matchers[1].op", equalTo("=~")).header("Location", containsString("/api/v1/silences/"))
                .extract().path("id");

        // The deadline that wakes the pipeline when the silence ends, armed in the same transaction.
        assertEquals(Optional.of(endsAt), deadlineDue("silence:" + id));

        given().header("Authorization", ADMIN)
                .get("/api/v1/silences/" + id).then().statusCode(200).body("comment", equalTo("db migration"));
        given().header("Authorization", ADMIN)
                .get("/api/v1/silences?state=active").then().statusCode(200).body("id", hasItem(id));
        given().header("Authorization", ADMIN)
                .get("/api/v1/silences?state=expired").then().statusCode(200).body("id", not(hasItem(id)));

        Suppressions loaded = load();
        Map<String, String> disk = Map.of("alertname", "DiskFull", "run", run);
        Optional<Suppression> found = loaded.find("checkout", disk, Instant.now());
        assertEquals(id, found.orElseThrow().id());
        assertEquals("silence", found.get().kind());
        assertEquals("silenced by silence " + id.substring(0, 8) + " (\"db migration\", by alice) until " + endsAt,
                found.get().reason());
        assertTrue(loaded.find("checkout", Map.of("alertname", "CPUHigh", "run", run), Instant.now()).isEmpty());

        admin().delete("/api/v1/silences/" + id).then().statusCode(200).body("state", equalTo("expired"));
        Instant afterExpiry = Instant.now();
        // Expired silences stay visible, and the pipeline is woken now rather than at the old end.
        given().header("Authorization", ADMIN)
                .get("/api/v1/silences?state=expired").then().statusCode(200).body("id", hasItem(id));
        Optional<Instant> due = deadlineDue("silence:" + id);
        assertTrue(due.isEmpty() || !due.get().isAfter(afterExpiry), "deadline still due at " + due);
        assertTrue(load().find("checkout", disk, Instant.now()).isEmpty());

        admin().delete("/api/v1/silences/" + id).then().statusCode(409);
        admin().delete("/api/v1/silences/" + UUID.randomUUID()).then().statusCode(404);
        given().header("Authorization", ADMIN).get("/api/v1/silences/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void changingSilencesNeedsTheAdminToken() {
        given().contentType(ContentType.JSON).body(silence(unique("run"), Instant.now().plusSeconds(600)))
                .post("/api/v1/silences").then().statusCode(401);
        given().delete("/api/v1/silences/" + UUID.randomUUID()).then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("name", "x", "criticality", "INTERNAL"))
                .put("/api/v1/services/" + unique("svc")).then().statusCode(401);
    }

    @Test
    void aSilenceThatWouldMatchEverythingIsRefusedNamingTheField() {
        String end = Instant.now().plusSeconds(600).toString();
        admin().body(Map.of("matchers", List.of(), "endsAt", end, "createdBy", "a", "comment", "c"))
                .post("/api/v1/silences").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", equalTo(List.of("matchers")));
        admin().body(Map.of("endsAt", end, "createdBy", "a", "comment", "c"))
                .post("/api/v1/silences").then().statusCode(400).body("errors.field", equalTo(List.of("matchers")));
        // Every matcher matches an alert without these labels: Alertmanager refuses this too.
        admin().body(Map.of("matchers", List.of(Map.of("name", "team", "op", "=~", "value", ".*"),
                        Map.of("name", "env", "op", "!=", "value", "prod")),
                        "endsAt", end, "createdBy", "a", "comment", "c"))
                .post("/api/v1/silences").then().statusCode(400).body("errors.field", equalTo(List.of("matchers")))
                .body("detail", containsString("every alert"));
    }

    @Test
    void anInvalidSilenceIsRefusedWholeNamingEachField() {
        admin().body(Map.of("matchers", List.of(Map.of("name", "alertname", "value", "Disk(", "isRegex", true)),
                        "startsAt", Instant.now().plusSeconds(600).toString(),
                        "endsAt", Instant.now().plusSeconds(60).toString()))
                .post("/api/v1/silences").then().statusCode(400)
                .body("errors.field", equalTo(List.of("matchers[0].value", "endsAt", "createdBy", "comment")));
        admin().body(Map.of("matchers", List.of(Map.of("name", "alertname", "op", "=", "value", "x")),
                        "startsAt", Instant.now().minusSeconds(600).toString(),
                        "endsAt", Instant.now().minusSeconds(60).toString(), "createdBy", "a", "comment", "c"))
                .post("/api/v1/silences").then().statusCode(400).body("errors.field", equalTo(List.of("endsAt")))
                .body("detail", containsString("future"));
    }

    @Test
    void anAlertmanagerShapedSilenceIsAccepted() {
        String run = unique("run");
        admin().body(Map.of("matchers", List.of(Map.of("name", "run", "value", run, "isRegex", false, "isEqual", true)),
                        "startsAt", Instant.now().plusSeconds(3600).toString(),
                        "endsAt", Instant.now().plusSeconds(7200).toString(), "createdBy", "amtool", "comment", "pasted"))
                .post("/api/v1/silences").then().statusCode(201).body("state", equalTo("pending"))
                .body("matchers[0].op", equalTo("="));
        given().header("Authorization", ADMIN)
                .get("/api/v1/silences?state=pending").then().statusCode(200).body("createdBy", hasItem("amtool"));
        given().header("Authorization", ADMIN)
                .get("/api/v1/silences?state=soon").then().statusCode(400)
                .body("errors.field", equalTo(List.of("state")));
    }

    @Test
    void aServiceTheDirectoryDoesNotKnowIsRefusedNamingTheField() {
        String unknown = unique("nowhere");
        admin().body(Map.of("name", "x", "criticality", "INTERNAL")).put("/api/v1/services/" + unknown).then()
                .statusCode(400).body("errors[0].field", equalTo("id"))
                .body("errors[0].message", containsString("is no service of the directory"));
        admin().body(Map.of("service", unknown, "endsAt", Instant.now().plus(Duration.ofHours(1)).toString(),
                "createdBy", "bob", "comment", "c")).post("/api/v1/maintenance-windows").then().statusCode(400)
                .body("errors[0].field", equalTo("service"));
        String known = unique("svc");
        Directory.services(known);
        admin().body(Map.of("service", known, "services", List.of(known, unknown), "name", "two"))
                .post("/api/v1/integration-keys").then().statusCode(400)
                .body("errors.field", equalTo(List.of("services[1]")));
        // Nothing was written: the same profile is created once its service is known.
        Directory.services(unknown);
        admin().body(Map.of("name", "x", "criticality", "INTERNAL")).put("/api/v1/services/" + unknown).then()
                .statusCode(201);
    }

    @Test
    void aMaintenanceWindowMutesEveryAlertOfItsService() throws SQLException {
        String service = unique("svc");
        Directory.services(service);
        Instant endsAt = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        String id = admin().body(Map.of("service", service, "endsAt", endsAt.toString(), "createdBy", "bob",
                        "comment", "quarterly failover"))
                .post("/api/v1/maintenance-windows").then().statusCode(201).body("state", equalTo("active"))
                .body("service", equalTo(service)).extract().path("id");
        assertEquals(Optional.of(endsAt), deadlineDue("maintenance:" + id));

        given().header("Authorization", ADMIN)
                .get("/api/v1/maintenance-windows?service=" + service).then().statusCode(200)
                .body("id", equalTo(List.of(id))).body("service", everyItem(equalTo(service)));
        given().header("Authorization", ADMIN)
                .get("/api/v1/maintenance-windows/" + id).then().statusCode(200).body("createdBy", equalTo("bob"));

        Suppression found = load().find(service, Map.of("alertname", "Anything"), Instant.now()).orElseThrow();
        assertEquals("maintenance", found.kind());
        assertEquals("suppressed: " + service + " is in maintenance window " + id.substring(0, 8)
                + " (\"quarterly failover\", by bob) until " + endsAt, found.reason());

        admin().delete("/api/v1/maintenance-windows/" + id).then().statusCode(200).body("state", equalTo("expired"));
        given().header("Authorization", ADMIN)
                .get("/api/v1/maintenance-windows?service=" + service + "&state=active").then().statusCode(200)
                .body("id", equalTo(List.of()));
        assertTrue(load().find(service, Map.of(), Instant.now()).isEmpty());
        admin().delete("/api/v1/maintenance-windows/" + id).then().statusCode(409);

        admin().body(Map.of("service", "Not A Service", "endsAt", endsAt.toString(), "createdBy", "bob", "comment", "c"))
                .post("/api/v1/maintenance-windows").then().statusCode(400)
                .body("errors.field", equalTo(List.of("service")));
    }

    @Test
    void aServiceProfileIsPutReplacedReadAndLoadedByThePipeline() throws SQLException {
        String id = unique("svc");
        Map<String, Object> profile = Map.of("name", "Checkout", "criticality", "USER_FACING",
                "slos", List.of(Map.of("name", "availability", "objective", 99.9, "window", "P30D")),
                "urgencyRules", List.of(Map.of("matchers", List.of(Map.of("name", "alertname", "op", "=~", "value", "Disk.*")),
                        "urgency", "TICKET", "comment", "disks fill over days")),
                "businessHours", Map.of("timeZone", "Europe/Berlin", "days", List.of("MONDAY", "TUESDAY"),
                        "start", "09:00", "end", "17:00"));
        Directory.services(id);
        admin().body(profile).put("/api/v1/services/" + id).then().statusCode(201).body("id", equalTo(id));
        admin().body(profile).put("/api/v1/services/" + id).then().statusCode(200);
        given().header("Authorization", ADMIN).get("/api/v1/services/" + id).then().statusCode(200)
                .body("slos[0].window", equalTo("P30D")).body("urgencyRules[0].matchers[0].value", equalTo("Disk.*"))
                .body("businessHours.timeZone", equalTo("Europe/Berlin"));
        given().header("Authorization", ADMIN).get("/api/v1/services").then().statusCode(200).body("id", hasItem(id));

        ServiceProfile loaded = loadProfiles(List.of(id, unique("absent"))).get(id);
        assertEquals(ServiceProfile.Criticality.USER_FACING, loaded.criticality());
        assertEquals(Duration.ofDays(30), loaded.slos().get(0).window());
        assertEquals(Urgency.TICKET, loaded.urgencyRules().get(0).urgency());
        assertEquals("Europe/Berlin", loaded.businessHours().timeZone().getId());
        assertEquals(1, loadProfiles(List.of(id, unique("absent"))).size());

        admin().delete("/api/v1/services/" + id).then().statusCode(204);
        given().header("Authorization", ADMIN).get("/api/v1/services/" + id).then().statusCode(404);
        assertFalse(loadProfiles(List.of(id)).containsKey(id));
    }

    @Test
    void anInvalidServiceProfileIsRefusedNamingEachField() {
        admin().body(Map.of("name", "Checkout", "criticality", "USER_FACING",
                        "slos", List.of(Map.of("name", "availability", "objective", 99.9, "window", "P30D"),
                                Map.of("name", "latency", "objective", 100, "window", "P30D")),
                        "urgencyRules", List.of(Map.of("matchers", List.of(), "urgency", "PAGE")),
                        "businessHours", Map.of("timeZone", "Mars/Olympus", "days", List.of("MONDAY"),
                                "start", "09:00", "end", "17:00")))
                .put("/api/v1/services/" + unique("svc")).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("slos[1].objective", "urgencyRules[0].matchers",
                        "businessHours.timeZone")));
        admin().body(Map.of("name", "x", "criticality", "INTERNAL")).put("/api/v1/services/Bad_Id").then()
                .statusCode(400).body("errors.field", equalTo(List.of("id")));
    }

    @Test
    void theDefaultBusinessHoursAreWeekdaysNineToFiveUtc() {
        // What a ticket of a service without its own hours waits for.
        assertEquals(new BusinessHours(ZoneId.of("UTC"), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.of(9, 0), LocalTime.of(17, 0)), businessHours.defaults());
    }

    private Suppressions load() {
        return SuppressionRules.overlapping(Sql.pool(), Instant.now().minusSeconds(60), Instant.now().plusSeconds(60))
                .await().indefinitely();
    }

    private Map<String, ServiceProfile> loadProfiles(List<String> ids) {
        return ServiceProfileStore.byIds(Sql.pool(), ids).await().indefinitely();
    }

    private Optional<Instant> deadlineDue(String ref) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select due_at from deadlines where kind = ? and ref = ?")) {
            s.setString(1, DEADLINE_KIND);
            s.setString(2, ref);
            try (ResultSet row = s.executeQuery()) {
                return row.next() ? Optional.of(row.getObject(1, OffsetDateTime.class).toInstant()) : Optional.empty();
            }
        }
    }
}
