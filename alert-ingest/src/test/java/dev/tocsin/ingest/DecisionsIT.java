package dev.tocsin.ingest;

import static dev.tocsin.ingest.Intake.ADMIN;
import static dev.tocsin.ingest.Intake.alert;
import static dev.tocsin.ingest.Intake.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.events.Topics;
import dev.tocsin.events.alert.AlertGroupUpdated;
import dev.tocsin.events.alert.AlertResolved;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.events.directory.BusinessHours;
import dev.tocsin.events.directory.ServiceSaved;
import dev.tocsin.events.directory.TeamSaved;
import dev.tocsin.events.page.AcknowledgePage;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What alert-ingest decides for a new alert, end to end against real Kafka and PostgreSQL: SLO burn
 * rate, storms, silences, maintenance windows, flapping and business hours. Each test has a service
 * of its own, so their decisions never see each other's alerts.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class DecisionsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TopicReader alerts;
    private String service;
    private String key;

    @BeforeEach
    void setUp() {
        if (alerts == null) {
            alerts = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.ALERTS);
        }
        service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        key = Intake.createKey(service).secret();
    }

    @AfterAll
    static void tearDown() {
        alerts.close();
    }

    private void profile(String body) {
        Directory.services(service);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body)
                .put("/api/v1/services/" + service).then().statusCode(201);
    }

    /** A profile under which every critical alert of the service pages. */
    private void criticalPages() {
        profile("{\"name\":\"" + service + "\",\"criticality\":\"USER_FACING\",\"urgencyRules\":[{\"matchers\":"
                + "[{\"name\":\"severity\",\"op\":\"=\",\"value\":\"critical\"}],\"urgency\":\"PAGE\"}]}");
    }

    private Map<String, Object> firing(String alertname, Map<String, String> extra) {
        Map<String, String> labels = new java.util.HashMap<>(extra);
        labels.put("alertname", alertname);
        labels.put("service", service);
        return alert(labels, Map.of("summary", alertname + " on " + service), null);
    }

    private Map<String, Object> resolved(String alertname, Map<String, String> extra) {
        Map<String, Object> alert = firing(alertname, extra);
        alert.put("endsAt", Instant.now().minusSeconds(1).toString());
        return alert;
    }

    private <E extends dev.tocsin.events.IntegrationEvent> List<E> published(Class<E> type, Predicate<E> matching) {
        alerts.poll();
        return alerts.all(type, matching);
    }

    private List<AlertTriggered> triggered() {
        return published(AlertTriggered.class, t -> service.equals(t.service()));
    }

    /** The alerts of this test's service as the API lists them. */
    private io.restassured.response.ValidatableResponse listed(String alertname) {
        return given().header("Authorization", ADMIN)
                .queryParam("service", service).queryParam("label", "alertname=" + alertname)
                .get("/api/v1/alerts").then().statusCode(200);
    }

    @Test
    void anAlertBurningItsErrorBudgetFastPagesAndSaysWhy() {
        profile("{\"name\":\"Checkout\",\"criticality\":\"USER_FACING\","
                + "\"slos\":[{\"name\":\"availability\",\"objective\":99.9,\"window\":\"P30D\"}]}");
        post(key, List.of(
                firing("Fast", Map.of("slo", "availability", "window", "1h", "burn_rate", "15.2")),
                firing("Slow", Map.of("slo", "availability", "window", "1d", "burn_rate", "3.5")),
                firing("Mild", Map.of("slo", "availability", "window", "1h", "burn_rate", "2")))).statusCode(202);

        Awaitility.await().atMost(WAIT).until(() -> triggered().size() == 3);
        Map<String, AlertTriggered> byName = new java.util.HashMap<>();
        triggered().forEach(t -> byName.put(t.labels().get("alertname"), t));
        assertEquals(Urgency.PAGE, byName.get("Fast").urgency());
        assertEquals("paged: " + service + " availability burning 15.2× over 1h ≥ 14.4", byName.get("Fast").reason());
        // The service is user-facing: its SLO's alerts say so, for incident-service's users-affected rule.
        assertEquals("availability", byName.get("Fast").userFacingSlo());
        assertEquals(Urgency.TICKET, byName.get("Slow").urgency());
        assertEquals(Urgency.LOG, byName.get("Mild").urgency());
        assertTrue(byName.get("Mild").reason().startsWith("logged: "), byName.get("Mild").reason());
    }

    @Test
    void aStormOnOneServiceBecomesOneGroupedPageClosedWhenAllResolve() {
        criticalPages();
        List<Map<String, Object>> storm = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            storm.add(firing("Storm" + i, Map.of("severity", "critical")));
        }
        post(key, storm.subList(0, 5)).statusCode(202);
        post(key, storm.subList(5, 10)).statusCode(202);

        // The first five page on their own; the rest join one grouped page, published after the group wait.
        Awaitility.await().atMost(WAIT).until(() -> triggered().stream()
                .anyMatch(t -> "AlertStorm".equals(t.labels().get("alertname"))));
        AlertTriggered group = triggered().stream().filter(t -> "AlertStorm".equals(t.labels().get("alertname")))
                .findFirst().orElseThrow();
        assertEquals(Urgency.PAGE, group.urgency());
        assertTrue(group.summary().matches("\\d+ alerts? firing on " + service), group.summary());
        assertEquals(5, triggered().stream().filter(t -> !"AlertStorm".equals(t.labels().get("alertname"))).count());
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", ADMIN)
                .get("/api/v1/alert-groups/" + group.alertId())
                .then().statusCode(200).body("group.members", equalTo(5)).body("members.size()", equalTo(5))
                .body("members[0].disposition", equalTo("GROUPED")));
        assertEquals(1, triggered().stream().filter(t -> "AlertStorm".equals(t.labels().get("alertname"))).count());

        List<Map<String, Object>> over = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            over.add(resolved("Storm" + i, Map.of("severity", "critical")));
        }
        post(key, over.subList(0, 5)).statusCode(202);
        post(key, over.subList(5, 10)).statusCode(202);
        AlertResolved closed = alerts.await(AlertResolved.class, r -> r.alertId().equals(group.alertId()), WAIT);
        assertEquals(service, closed.service());
        given().header("Authorization", ADMIN)
                .get("/api/v1/alert-groups/" + group.alertId()).then().body("group.open", equalTo(false))
                .body("group.firing", equalTo(0));
        // Every update said how many still fire; none claimed more members than joined.
        published(AlertGroupUpdated.class, u -> u.alertId().equals(group.alertId()))
                .forEach(u -> assertTrue(u.members() <= 5 && u.firing() <= u.members()));
    }

    @Test
    void aSilencedAlertIsKeptWithItsReasonAndPagesWhenTheSilenceEndsWhileItStillFires() {
        criticalPages();
        String silence = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(
                "{\"matchers\":[{\"name\":\"service\",\"op\":\"=\",\"value\":\"" + service + "\"}],"
                        + "\"endsAt\":\"" + Instant.now().plus(1, ChronoUnit.HOURS) + "\","
                        + "\"createdBy\":\"alice\",\"comment\":\"db migration\"}")
                .post("/api/v1/silences").then().statusCode(201).extract().path("id");
        post(key, List.of(firing("Silenced", Map.of("severity", "critical")))).statusCode(202);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> listed("Silenced").body("[0].disposition",
                equalTo("SUPPRESSED")).body("[0].dispositionReason", containsString("db migration")));
        assertEquals(List.of(), triggered());

        // Ending the silence early releases what it held back and still fires: now it pages.
        given().header("Authorization", ADMIN).delete("/api/v1/silences/" + silence).then().statusCode(200);
        AlertTriggered paged = alerts.await(AlertTriggered.class, t -> service.equals(t.service()), WAIT);
        assertEquals(Urgency.PAGE, paged.urgency());
        given().header("Authorization", ADMIN).get("/api/v1/alerts/" + paged.alertId()).then().statusCode(200)
                .body("alert.disposition", equalTo("PUBLISHED"))
                .body("history.event", equalTo(List.of("AlertOpened", "AlertReleased")))
                .body("history[1].reason", containsString("ended"));
    }

    @Test
    void aMaintenanceWindowSuppressesEveryAlertOfItsService() {
        criticalPages();
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"service\":\"" + service
                        + "\",\"endsAt\":\"" + Instant.now().plus(1, ChronoUnit.HOURS)
                        + "\",\"createdBy\":\"bob\",\"comment\":\"quarterly failover\"}")
                .post("/api/v1/maintenance-windows").then().statusCode(201);
        post(key, List.of(firing("InMaintenance", Map.of("severity", "critical")))).statusCode(202);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> listed("InMaintenance")
                .body("[0].disposition", equalTo("SUPPRESSED"))
                .body("[0].dispositionReason", containsString("maintenance window")));
        given().header("Authorization", ADMIN)
                .queryParam("disposition", "suppressed").queryParam("service", service).get("/api/v1/alerts")
                .then().statusCode(200).body("labels.alertname", hasItem("InMaintenance"));
        assertEquals(List.of(), triggered());
    }

    @Test
    void anAlertThatKeepsReFiringIsDampedAsFlapping() {
        for (int i = 0; i < 4; i++) {
            post(key, List.of(firing("Flappy", Map.of()))).statusCode(202);
            int fired = i + 1;
            Awaitility.await().atMost(WAIT).untilAsserted(() -> listed("Flappy").body("size()", equalTo(fired)));
            post(key, List.of(resolved("Flappy", Map.of()))).statusCode(202);
            Awaitility.await().atMost(WAIT).untilAsserted(() -> listed("Flappy")
                    .body("[0].status", equalTo("RESOLVED")));
        }
        // Fired, then re-fired three times within the hour: the third re-fire pages nobody.
        listed("Flappy").body("disposition", equalTo(List.of("FLAPPING", "PUBLISHED", "PUBLISHED", "PUBLISHED")))
                .body("[0].dispositionReason", containsString("flapping: re-fired 3 times"));
        Awaitility.await().atMost(WAIT).until(() -> triggered().size() == 3);
    }

    @Test
    void aPagerDutyAcknowledgeAsksThePageToStopEscalating() {
        criticalPages();
        String dedupKey = "db-" + UUID.randomUUID();
        String trigger = "{\"routing_key\":\"" + key + "\",\"event_action\":\"trigger\",\"dedup_key\":\""
                + dedupKey + "\",\"payload\":{\"summary\":\"Primary DB down\",\"source\":\"db-1\","
                + "\"severity\":\"critical\"}}";
        given().contentType(ContentType.JSON).body(trigger).post("/v2/enqueue").then().statusCode(202)
                .body("dedup_key", equalTo(dedupKey));
        AlertTriggered paged = alerts.await(AlertTriggered.class, t -> service.equals(t.service()), WAIT);
        assertEquals(Urgency.PAGE, paged.urgency());

        try (TopicReader commands = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.PAGE_COMMANDS)) {
            given().contentType(ContentType.JSON).body(trigger.replace("\"trigger\"", "\"acknowledge\""))
                    .post("/v2/enqueue").then().statusCode(202);
            AcknowledgePage ack = commands.await(AcknowledgePage.class, a -> a.alertId().equals(paged.alertId()), WAIT);
            assertEquals("pagerduty-events-v2", ack.via());
            // A second acknowledgement is the same acknowledgement: no second command.
            given().contentType(ContentType.JSON).body(trigger.replace("\"trigger\"", "\"acknowledge\""))
                    .post("/v2/enqueue").then().statusCode(202);
            Awaitility.await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", ADMIN)
                    .get("/api/v1/alerts/" + paged.alertId())
                    .then().body("history.event", equalTo(List.of("AlertOpened", "AlertAcknowledged"))));
            commands.poll();
            assertEquals(1, commands.all(AcknowledgePage.class, a -> a.alertId().equals(paged.alertId())).size());
        }
    }

    @Test
    void aTicketOutsideItsTeamsBusinessHoursWaitsForThem() {
        // A zone where it is around noon now, and business hours that begin a few seconds from now.
        ZoneOffset zone = ZoneOffset.ofHours(Math.max(-12, Math.min(14,
                12 - LocalDateTime.now(ZoneOffset.UTC).getHour())));
        LocalDateTime opens = LocalDateTime.now(zone).plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        DateTimeFormatter hhmmss = DateTimeFormatter.ofPattern("HH:mm:ss");
        profile("{\"name\":\"" + service + "\",\"criticality\":\"INTERNAL\",\"businessHours\":{\"timeZone\":\""
                + zone.getId() + "\",\"days\":[\"" + opens.getDayOfWeek() + "\"],\"start\":\"" + opens.format(hhmmss)
                + "\",\"end\":\"" + opens.plusHours(1).format(hhmmss) + "\"}}");
        post(key, List.of(firing("DiskFilling", Map.of("severity", "warning")))).statusCode(202);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> listed("DiskFilling")
                .body("[0].disposition", equalTo("HELD")));
        assertEquals(List.of(), triggered());

        AlertTriggered ticket = alerts.await(AlertTriggered.class, t -> service.equals(t.service()), WAIT);
        assertEquals(Urgency.TICKET, ticket.urgency());
        assertTrue(!ticket.triggeredAt().isBefore(opens.toInstant(zone)), ticket.triggeredAt() + " before " + opens);
    }

    @Test
    void aTicketOfAServiceWithoutHoursOfItsOwnWaitsForItsTeamsHours() {
        profile("{\"name\":\"" + service + "\",\"criticality\":\"INTERNAL\"}");
        // The team works only on the day after tomorrow, in its own zone: now is outside its hours.
        String team = "team-" + service;
        java.time.DayOfWeek workday = LocalDateTime.now(java.time.ZoneId.of("Asia/Kolkata")).getDayOfWeek().plus(2);
        Instant now = Instant.now();
        Directory.publish(new TeamSaved(team, team, "Asia/Kolkata", new BusinessHours(List.of(workday),
                        java.time.LocalTime.of(9, 0), java.time.LocalTime.of(17, 0)), "bootstrap:admin", now),
                new ServiceSaved(service, service, "LOW", team, "bootstrap:admin", now));
        post(key, List.of(firing("CertExpiring", Map.of("severity", "warning")))).statusCode(202);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> listed("CertExpiring")
                .body("[0].disposition", equalTo("HELD"))
                .body("[0].dispositionReason", containsString("(Asia/Kolkata)")));
        assertEquals(List.of(), triggered());
    }
}
