package dev.tocsin.escalation.load;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.escalation.TestClock;
import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.eventing.DeadlineEngine;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.Topics;
import dev.tocsin.events.alert.AlertResolved;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.alert.Drill;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.events.incident.IncidentDeclared;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.events.page.PageOpened;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.TopicReader;
import dev.tocsin.testing.api.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The on-call load from what really happened, against Kafka and PostgreSQL: pages that reached the
 * primary and, escalated, the secondary; their acknowledgements and resolutions; an incident on
 * tocsin.incidents; a ticket. Each endpoint answers from those facts (docs/on-call-load.md).
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class LoadIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TestClock clock;

    @Inject
    DeadlineEngine engine;

    private KafkaProducer<String, String> producer;
    private String run;
    private String service;

    @BeforeEach
    void setUp() {
        producer = Infrastructure.producer();
        run = UUID.randomUUID().toString().substring(0, 8);
        service = "load-" + run;
    }

    @AfterEach
    void tearDown() {
        producer.close();
    }

    @Test
    void eachShiftCountsWhatReachedItsHolderAndTheBusiestIsFlagged() throws Exception {
        Instant start = clock.instant();
        // Alice's working day is far away: it is half past two at night where she is, so her pages are off-hours.
        LocalTime now = LocalTime.ofInstant(start, ZoneOffset.UTC);
        int offset = Math.floorMod(Duration.between(now, LocalTime.of(2, 30)).toMinutes(), 24 * 60);
        String night = ZoneOffset.ofTotalSeconds((offset > 12 * 60 ? offset - 24 * 60 : offset) * 60).getId();
        // A weekly rotation that began three days ago: nobody hands over while the test runs.
        Instant rotationStart = start.minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        configure(night, rotationStart);
        JsonPath onCall = admin().get("/api/v1/schedules/" + service + "/on-call").then().statusCode(200)
                .extract().jsonPath();
        String primary = onCall.getString("primary");
        String secondary = onCall.getString("secondary");
        assertEquals("alice-" + run, primary);

        // The first page reaches the primary, escalates to the secondary, who acknowledges and it resolves.
        AlertTriggered first = alert("HighLatency", Urgency.PAGE);
        send(first);
        String firstPage = awaitPage(first, "OPEN");
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        engine.wake();
        Awaitility.await().atMost(WAIT).untilAsserted(() -> admin().get("/api/v1/pages/" + firstPage).then()
                .body("step", is(2)));
        acknowledge(firstPage, secondary);
        clock.advance(Duration.ofMinutes(1));
        resolve(first);
        awaitPage(first, "RESOLVED");
        // The same alert pages twice more, each just after the one before resolved: the primary answers.
        for (int i = 0; i < 2; i++) {
            AlertTriggered again = alert("HighLatency", Urgency.PAGE);
            send(again);
            String page = awaitPage(again, "OPEN");
            clock.advance(Duration.ofMinutes(1));
            acknowledge(page, primary);
            clock.advance(Duration.ofMinutes(1));
            resolve(again);
            awaitPage(again, "RESOLVED");
        }
        send(alert("DiskFilling", Urgency.TICKET));
        String incident = "inc-" + run;
        send(new IncidentDeclared(incident, "Checkout slow", "SEV2", List.of(service), List.of(firstPage),
                "declared by carol", "carol", "carol", clock.instant()));

        String from = start.minus(Duration.ofHours(1)).toString();
        String to = clock.instant().plus(Duration.ofHours(1)).toString();
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            JsonPath shifts = admin().get("/api/v1/on-call-load/shifts?schedule=" + service + "&from=" + from
                    + "&to=" + to).then().statusCode(200).extract().jsonPath();
            assertEquals(List.of("PRIMARY", "SECONDARY"), shifts.getList("shifts.role"));
            assertEquals(List.of(primary, secondary), shifts.getList("shifts.person"));
            assertEquals(Map.of("pages", 3, "offHoursPages", 3, "incidents", 1, "tickets", 1),
                    shifts.getMap("shifts[0].load"));
            assertEquals(true, shifts.getBoolean("shifts[0].flagged"));
            assertEquals(List.of("3 pages, more than 2 in one shift"), shifts.getList("shifts[0].flags"));
            // Bob's zone is UTC; whether the page found him at work depends on when the test runs.
            assertEquals(1, shifts.getInt("shifts[1].load.pages"));
            assertEquals(1, shifts.getInt("shifts[1].load.incidents"));
            assertEquals(0, shifts.getInt("shifts[1].load.tickets"));
            assertEquals(false, shifts.getBoolean("shifts[1].flagged"));
        });

        // Acknowledged after 301 s, 60 s and 60 s; resolved after 361 s, 120 s and 120 s.
        admin().get("/api/v1/on-call-load/services?from=" + from + "&to=" + to).then().statusCode(200)
                .body("services.find { it.service == '" + service + "' }.pages", is(3))
                .body("services.find { it.service == '" + service + "' }.acknowledged", is(3))
                .body("services.find { it.service == '" + service + "' }.meanSecondsToAcknowledge", is(140))
                .body("services.find { it.service == '" + service + "' }.resolved", is(3))
                .body("services.find { it.service == '" + service + "' }.meanSecondsToResolve", is(200));

        // The two pages nothing came of, and the alert paging again right after each resolution, make it flap.
        admin().get("/api/v1/on-call-load/alerts?from=" + from + "&to=" + to + "&limit=100").then().statusCode(200)
                .body("alerts.find { it.service == '" + service + "' }.alert", is("HighLatency"))
                .body("alerts.find { it.service == '" + service + "' }.pages", is(3))
                .body("alerts.find { it.service == '" + service + "' }.acknowledgedAndResolvedWithoutIncident", is(2))
                .body("alerts.find { it.service == '" + service + "' }.reopenedWithinAnHour", is(2))
                .body("alerts.find { it.service == '" + service + "' }.flapping", is(true));

        // Alice is primary or secondary for the whole quarter from the rotation's start: over the 25% cap.
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate quarterStart = LocalDate.of(today.getYear(), (today.getMonthValue() - 1) / 3 * 3 + 1, 1);
        Instant quarterEnd = quarterStart.plusMonths(3).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant onCallFrom = rotationStart.isAfter(quarterStart.atStartOfDay(ZoneOffset.UTC).toInstant())
                ? rotationStart : quarterStart.atStartOfDay(ZoneOffset.UTC).toInstant();
        String quarter = quarterStart.getYear() + "-Q" + ((quarterStart.getMonthValue() - 1) / 3 + 1);
        JsonPath people = admin().get("/api/v1/on-call-load/people?quarter=" + quarter).then().statusCode(200)
                .body("quarter", is(quarter)).body("cap", is(0.25f)).extract().jsonPath();
        Map<String, Object> alice = people.getMap("people.find { it.person == '" + primary + "' }");
        assertEquals(Math.round(Duration.between(onCallFrom, quarterEnd).toMinutes() / 6.0) / 10.0,
                ((Number) alice.get("onCallHours")).doubleValue());
        assertEquals(true, alice.get("overCap"));
        assertEquals(Map.of("pages", 3, "offHoursPages", 3, "incidents", 1, "tickets", 1), alice.get("load"));
    }

    @Test
    void aDrillPagesTheOnCallCountsInNoLoadFigureAndReportsHowItWent() throws Exception {
        Instant start = clock.instant();
        configure("UTC", start.minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS));
        String drill = "drill-" + run;
        AlertTriggered alert = new AlertTriggered("alert-" + UUID.randomUUID(), "drill:" + drill, service,
                "DRILL: paging drill for " + service, "critical", Urgency.PAGE, "paged: drill " + drill,
                Map.of("alertname", "TocsinDrill", "service", service, Drill.LABEL, drill), Map.of(), start, null,
                "tocsin-drill", start);
        try (TopicReader pages = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.PAGES);
                TopicReader notices = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.NOTIFY_REQUESTS)) {
            send(alert);
            String page = awaitPage(alert, "OPEN");
            // The page and each notification say it is a drill.
            assertEquals(drill, pages.await(PageOpened.class, e -> e.pageId().equals(page), WAIT).drillId());
            NotifyRequested first = notices.await(NotifyRequested.class, n -> page.equals(n.pageId()), WAIT);
            assertEquals(drill, Drill.idOf(first.labels()));
            assertEquals("DRILL: paging drill for " + service, first.summary());
            admin().get("/api/v1/drills/" + drill).then().statusCode(200).body("pageId", is(page))
                    .body("status", is("OPEN")).body("escalationWorked", org.hamcrest.Matchers.nullValue())
                    .body("outcome", is("waiting for an acknowledgement")).body("reached.person", contains("alice-" + run));

            // Alice does not answer; the drill escalates to Bob, who acknowledges.
            clock.advance(Duration.ofMinutes(5).plusSeconds(1));
            engine.wake();
            Awaitility.await().atMost(WAIT).untilAsserted(() -> admin().get("/api/v1/pages/" + page).then()
                    .body("step", is(2)));
            acknowledge(page, "bob-" + run);
        }
        Awaitility.await().atMost(WAIT).untilAsserted(() -> admin().get("/api/v1/drills/" + drill).then()
                .statusCode(200).body("escalated", is(true)).body("escalationWorked", is(true))
                .body("acknowledgedBy", is("bob-" + run)).body("secondsToAcknowledge", is(301))
                .body("reached.person", contains("alice-" + run, "bob-" + run))
                .body("outcome", is("acknowledged by bob-" + run + " after 5 min 1 s, after escalating")));
        admin().get("/api/v1/drills?service=" + service).then().statusCode(200).body("drillId", contains(drill));

        // None of it is load: no shift carries the drill, no service's response times or alert ranking count it.
        String from = start.minus(Duration.ofHours(1)).toString();
        String to = clock.instant().plus(Duration.ofHours(1)).toString();
        admin().get("/api/v1/on-call-load/shifts?schedule=" + service + "&from=" + from + "&to=" + to).then()
                .statusCode(200).body("shifts.load.pages", contains(0, 0));
        admin().get("/api/v1/on-call-load/services?from=" + from + "&to=" + to).then().statusCode(200)
                .body("services.service", not(hasItem(service)));
        admin().get("/api/v1/on-call-load/alerts?from=" + from + "&to=" + to + "&limit=100").then().statusCode(200)
                .body("alerts.service", not(hasItem(service)));
        admin().get("/api/v1/drills/none-" + run).then().statusCode(404);
    }

    @Test
    void aRequestTheLoadCannotAnswerGets400NamingWhatIsWrong() {
        admin().get("/api/v1/on-call-load/shifts").then().statusCode(400)
                .body("errors.field", hasItem("schedule"));
        admin().get("/api/v1/on-call-load/shifts?schedule=none-" + run).then().statusCode(404)
                .body("detail", containsString("schedule none-" + run));
        admin().get("/api/v1/on-call-load/people?quarter=2026-Q5").then().statusCode(400)
                .body("errors.field", hasItem("quarter"));
        admin().get("/api/v1/on-call-load/people?quarter=1990-Q1").then().statusCode(400)
                .body("errors.field", hasItem("quarter"));
        admin().get("/api/v1/on-call-load/services?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z")
                .then().statusCode(400).body("errors.field", hasItem("to"));
        admin().get("/api/v1/on-call-load/alerts?limit=0").then().statusCode(400)
                .body("errors.field", hasItem("limit"));
        given().get("/api/v1/on-call-load/services").then().statusCode(401);
    }

    private void configure(String aliceZone, Instant rotationStart) {
        put("/api/v1/users/alice-" + run, "{\"name\":\"Alice\",\"timeZone\":\"" + aliceZone + "\"}");
        put("/api/v1/users/bob-" + run, "{\"name\":\"Bob\",\"timeZone\":\"UTC\"}");
        put("/api/v1/schedules/" + service, "{\"name\":\"Load\",\"timeZone\":\"UTC\",\"rotation\":{\"start\":\""
                + LocalDateTime.ofInstant(rotationStart, ZoneOffset.UTC) + "\",\"shiftLength\":\"P7D\","
                + "\"participants\":[\"alice-" + run + "\",\"bob-" + run + "\"]}}");
        put("/api/v1/escalation-policies/" + service, "{\"name\":\"Load\",\"repeat\":0,\"steps\":["
                + "{\"targets\":[{\"type\":\"SCHEDULE_PRIMARY\",\"id\":\"" + service + "\"}],\"deadline\":\"PT5M\"},"
                + "{\"targets\":[{\"type\":\"SCHEDULE_SECONDARY\",\"id\":\"" + service + "\"}],\"deadline\":\"PT5M\"}]}");
        put("/api/v1/services/" + service, "{\"name\":\"Load\",\"criticality\":\"CRITICAL\","
                + "\"escalationPolicy\":\"" + service + "\"}");
    }

    private AlertTriggered alert(String name, Urgency urgency) {
        String id = "alert-" + UUID.randomUUID();
        return new AlertTriggered(id, "fp-" + id, service, name + " on " + service, "critical", urgency, "test",
                Map.of("alertname", name, "service", service), Map.of(), clock.instant(), null, "alertmanager-v2",
                clock.instant());
    }

    private void resolve(AlertTriggered alert) throws Exception {
        send(new AlertResolved(alert.alertId(), alert.dedupKey(), service, clock.instant()));
    }

    private void acknowledge(String page, String by) {
        admin().contentType(ContentType.JSON).body("{\"by\":\"" + by + "\"}")
                .post("/api/v1/pages/" + page + "/acknowledge").then().statusCode(200);
    }

    private void send(IntegrationEvent event) throws Exception {
        producer.send(CloudEventRecords.toRecord(event, "/test", clock.instant())).get();
    }

    /** Waits until the alert's page has the status; returns the page's id. */
    private String awaitPage(AlertTriggered alert, String status) {
        return Awaitility.await(alert.alertId() + " " + status).atMost(WAIT).until(() -> {
            List<Map<String, Object>> pages = admin().get("/api/v1/pages?alertId=" + alert.alertId()).then()
                    .statusCode(200).extract().jsonPath().getList("$");
            return pages.size() == 1 && status.equals(pages.getFirst().get("status"))
                    ? (String) pages.getFirst().get("id") : null;
        }, id -> id != null);
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", TestTokens.ADMIN);
    }

    private static void put(String path, String body) {
        admin().contentType(ContentType.JSON).body(body).put(path).then().log().ifValidationFails()
                .statusCode(anyOf(equalTo(200), equalTo(201)));
    }
}
