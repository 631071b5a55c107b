package dev.tocsin.incident.declare;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.eventing.DeadlineEngine;
import dev.tocsin.events.Topics;
import dev.tocsin.events.directory.MembershipSaved;
import dev.tocsin.events.directory.PersonSaved;
import dev.tocsin.events.directory.TeamRole;
import dev.tocsin.events.directory.ServiceSaved;
import dev.tocsin.events.directory.TeamSaved;
import dev.tocsin.events.incident.IncidentDeclared;
import dev.tocsin.events.incident.IncidentPageJoined;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.events.page.PageAcknowledged;
import dev.tocsin.events.page.PageEscalated;
import dev.tocsin.events.page.PageEvent;
import dev.tocsin.events.page.PageOpened;
import dev.tocsin.events.page.PageResolved;
import dev.tocsin.incident.TestClock;
import dev.tocsin.testing.DirectoryEvents;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The declaration rules against real Kafka and PostgreSQL: pages for two teams' services within the
 * window declare one incident, with the reason; a later page for one of its services joins it; a
 * lone team's pages declare nothing; someone takes command of what a rule declared.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class DeclarationRulesIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    TestClock clock;

    @Inject
    AgroalDataSource database;

    private String run;
    private String checkout;
    private String payments;
    private String search;
    /** A service of no team: the teams rule never looks at its pages. */
    private String lonely;

    @Inject
    DeadlineEngine engine;

    @BeforeEach
    void twoTeams() {
        run = UUID.randomUUID().toString().substring(0, 8);
        checkout = "checkout-" + run;
        payments = "payments-" + run;
        search = "search-" + run;
        lonely = "lonely-" + run;
        Instant now = clock.instant();
        new DirectoryEvents(database).publish(List.of(
                new TeamSaved("storefront-" + run, "Storefront", "UTC", null, "bootstrap:admin", now),
                new TeamSaved("money-" + run, "Money", "UTC", null, "bootstrap:admin", now),
                new ServiceSaved(checkout, "Checkout", "HIGH", "storefront-" + run, "bootstrap:admin", now),
                new ServiceSaved(search, "Search", "HIGH", "storefront-" + run, "bootstrap:admin", now),
                new ServiceSaved(payments, "Payments", "HIGH", "money-" + run, "bootstrap:admin", now),
                new ServiceSaved(lonely, "Lonely", "HIGH", null, "bootstrap:admin", now),
                new PersonSaved("alice-" + run, "Alice", "UTC", null, "bootstrap:admin", now),
                new PersonSaved("bob-" + run, "Bob", "UTC", null, "bootstrap:admin", now),
                new MembershipSaved("storefront-" + run, "alice-" + run, TeamRole.RESPONDER, "bootstrap:admin", now),
                new MembershipSaved("money-" + run, "bob-" + run, TeamRole.RESPONDER, "bootstrap:admin", now)));
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", "Bearer test-admin-token").contentType(ContentType.JSON);
    }

    @Test
    void pagesForTwoTeamsWithinTheWindowDeclareOneIncidentAndRelatedPagesJoinIt() {
        Instant now = clock.instant();
        String first = "pg-" + run + "-1";
        String second = "pg-" + run + "-2";
        String third = "pg-" + run + "-3";
        open(first, checkout, now.minus(Duration.ofMinutes(4)));
        open(second, payments, now);
        String incident;
        try (TopicReader reader = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            IncidentDeclared declared = reader.await(IncidentDeclared.class, e -> e.pageIds().contains(second), WAIT);
            incident = declared.incidentId();
            assertEquals(List.of(first, second), declared.pageIds());
            assertEquals(List.of(checkout, payments), declared.services());
            assertEquals("rule:another-team", declared.declaredBy());
            assertEquals(null, declared.commander());
            assertEquals("another team is needed: pages for " + checkout + " (team storefront-" + run + "), "
                    + payments + " (team money-" + run + ") within 10 minutes", declared.reason());
        }
        admin().get("/api/v1/incidents/" + incident).then().statusCode(200)
                .body("roles.commander", nullValue()).body("status", is("active"));
        // Alice, whom the pages notified, learns it is an incident now and that nobody commands it yet.
        assertEquals("Incident declared: \"Pages for " + checkout + ", " + payments + "\" (SEV2), nobody holds "
                + "command yet: take it in the incident", told(incident, "alice-" + run).summary());

        open(third, checkout, now.plusSeconds(30));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> admin().get("/api/v1/incidents/" + incident).then()
                .body("pageIds", contains(first, second, third)));
        admin().get("/api/v1/incidents?service=" + checkout).then().statusCode(200).body("size()", is(1));
        // Other services learn of the page that joined (escalation-service counts it in the on-call load).
        try (TopicReader reader = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            IncidentPageJoined joined = reader.await(IncidentPageJoined.class, e -> e.pageId().equals(third), WAIT);
            assertEquals(incident, joined.incidentId());
            assertEquals(checkout, joined.service());
        }
        // Alice, whom the joining page notified too, learns that it is in the incident.
        try (TopicReader notices = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.NOTIFY_REQUESTS)) {
            NotifyRequested joinedNotice = notices.await(NotifyRequested.class, n -> n.requestId().equals(
                    "incident/" + incident + "/joined/" + third + "/alice-" + run), WAIT);
            assertEquals("Your page for " + checkout + " joined incident \"Pages for " + checkout + ", " + payments
                    + "\" (SEV2), nobody holds command yet: take it in the incident", joinedNotice.summary());
            assertEquals(Boolean.TRUE, joinedNotice.quiet());
        }

        admin().body(Map.of("person", "alice-" + run, "by", "alice-" + run))
                .put("/api/v1/incidents/" + incident + "/roles/planning")
                .then().statusCode(409).body("detail", containsString("take it first"));
        admin().body(Map.of("by", "alice-" + run)).post("/api/v1/incidents/" + incident + "/command")
                .then().statusCode(200).body("roles.commander", is("alice-" + run));
        admin().get("/api/v1/incidents/" + incident + "/timeline").then().statusCode(200)
                .body("text", hasItem("page " + third + " for " + checkout + " joined the incident"))
                .body("text", hasItem("alice-" + run + " took command and is incident commander"));
    }

    @Test
    void oneTeamsPagesDeclareNothingUntilAnotherTeamsPageComesAndOlderOnesAreLeftOut() {
        Instant now = clock.instant();
        String old = "pg-" + run + "-old";
        String first = "pg-" + run + "-a";
        String second = "pg-" + run + "-b";
        String other = "pg-" + run + "-c";
        open(old, checkout, now.minus(Duration.ofMinutes(30)));
        open(first, checkout, now.minus(Duration.ofMinutes(2)));
        open(second, search, now.minus(Duration.ofMinutes(1)));
        open(other, payments, now);
        // Had the two storefront pages declared an incident, the payments page would have joined it;
        // it declares one for all three instead, and the page from before the window is not in it.
        try (TopicReader reader = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            IncidentDeclared declared = reader.await(IncidentDeclared.class, e -> e.pageIds().contains(other), WAIT);
            assertEquals(List.of(first, second, other), declared.pageIds());
            assertEquals(List.of(checkout, search, payments), declared.services());
        }
    }

    @Test
    void aPageOnAUserFacingSloDeclaresAnIncidentOfItsOwnThatLaterPagesJoin() {
        Instant now = clock.instant();
        String burning = "pg-" + run + "-users";
        String more = "pg-" + run + "-more";
        String otherTeam = "pg-" + run + "-other";
        send(new PageOpened(burning, "alert-" + burning, checkout, "policy", "Checkout availability burning", now,
                "SERVICE", "availability"));
        String incident;
        try (TopicReader reader = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            IncidentDeclared declared = reader.await(IncidentDeclared.class, e -> e.pageIds().contains(burning), WAIT);
            incident = declared.incidentId();
            assertEquals(List.of(burning), declared.pageIds());
            assertEquals(List.of(checkout), declared.services());
            assertEquals("rule:users-affected", declared.declaredBy());
            assertEquals("Checkout availability burning", declared.title());
            assertEquals("users are affected: the page threatens " + checkout + "'s user-facing SLO availability",
                    declared.reason());
        }
        // A page of the same service joins it; another team's page does not make a second incident
        // with it, since that page is already in one.
        open(more, checkout, now.plusSeconds(10));
        open(otherTeam, payments, now.plusSeconds(20));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> admin().get("/api/v1/incidents/" + incident).then()
                .body("pageIds", contains(burning, more)));
        Awaitility.await().atMost(WAIT).until(() -> wentNowhere(otherTeam));
        admin().get("/api/v1/incidents?service=" + payments).then().statusCode(200).body("size()", is(0));
    }

    @Test
    void aPageEscalatedToAnotherTeamsPersonDeclaresAnIncident() {
        Instant now = clock.instant();
        String page = "pg-" + run + "-escalated";
        open(page, checkout, now);
        // Alice is of checkout's own team: escalating to her needs nobody else. Bob is of another.
        send(new PageEscalated(page, "alert-" + page, 2, 1, List.of("alice-" + run), now.plusSeconds(300)));
        send(new PageEscalated(page, "alert-" + page, 3, 1, List.of("bob-" + run), now.plusSeconds(600)));
        try (TopicReader reader = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            IncidentDeclared declared = reader.await(IncidentDeclared.class, e -> e.pageIds().contains(page), WAIT);
            assertEquals(List.of(checkout), declared.services());
            assertEquals("rule:another-team", declared.declaredBy());
            // Had Alice's step declared, the reason would name her: one incident per page.
            assertEquals("another team is needed: page " + page + " for " + checkout + " (team storefront-" + run
                    + ") was escalated to bob-" + run + " (team money-" + run + ")", declared.reason());
            // Everyone the page notified is told: Alice at its opening, Bob at its escalation.
            for (String person : List.of("alice-" + run, "bob-" + run)) {
                NotifyRequested told = told(declared.incidentId(), person);
                assertEquals("a page that notified you is in incident " + declared.incidentId() + ": "
                        + declared.reason(), told.reason());
                assertEquals(Boolean.TRUE, told.quiet(), "the page reached them already: email and chat only");
            }
        }
    }

    /** The notice {@code person} got of the declaration of {@code incident}. */
    private static NotifyRequested told(String incident, String person) {
        try (TopicReader notices = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.NOTIFY_REQUESTS)) {
            return notices.await(NotifyRequested.class, n -> incident.equals(n.labels().get("incident"))
                    && person.equals(n.userId()) && n.requestId().endsWith("/declared/" + person), WAIT);
        }
    }

    /** The declarations consumer has seen the page and put it in no incident. */
    private boolean wentNowhere(String pageId) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement select = c.prepareStatement(
                "select incident_id is null from declaration_pages where page_id = ?")) {
            select.setString(1, pageId);
            var rows = select.executeQuery();
            return rows.next() && rows.getBoolean(1);
        }
    }

    @Test
    void aPageUnresolvedAnHourAfterItsAcknowledgementDeclaresOneCommandedByWhoAcknowledged() {
        Instant now = clock.instant();
        String page = "pg-" + run + "-slow";
        String quick = "pg-" + run + "-quick";
        open(page, lonely, now);
        open(quick, lonely, now);
        send(new PageAcknowledged(page, "alert-" + page, "alice-" + run, "api", now.plusSeconds(60)));
        send(new PageAcknowledged(quick, "alert-" + quick, "alice-" + run, "api", now.plusSeconds(60)));
        send(new PageResolved(quick, "alert-" + quick, now.plusSeconds(120)));
        Awaitility.await().atMost(WAIT).until(() -> armed(page) && !armed(quick));

        clock.advance(Duration.ofMinutes(62));
        engine.wake();
        try (TopicReader reader = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            IncidentDeclared declared = reader.await(IncidentDeclared.class, e -> e.pageIds().contains(page), WAIT);
            assertEquals(List.of(lonely), declared.services());
            assertEquals("alice-" + run, declared.commander());
            assertEquals("rule:unresolved", declared.declaredBy());
            assertEquals("unresolved 60 minutes after alice-" + run + " acknowledged it", declared.reason());
            assertEquals(List.of(), reader.all(IncidentDeclared.class, e -> e.pageIds().contains(quick)),
                    "the resolved page declared nothing");
        }
    }

    private boolean armed(String pageId) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement select = c.prepareStatement(
                "select 1 from deadlines where kind = 'incident.unresolved' and ref = ?")) {
            select.setString(1, pageId);
            return select.executeQuery().next();
        }
    }

    @Test
    void aDrillsPageJoinsNoIncidentAndDeclaresNone() {
        // Past the teams window of every page the other tests opened, which would be correlated with these.
        clock.advance(Duration.ofMinutes(11));
        Instant now = clock.instant();
        String drill = "pg-" + run + "-drill";
        String real = "pg-" + run + "-real";
        String later = "pg-" + run + "-later";
        // A drill on checkout, even one claiming a user-facing SLO, then a real page of another team's service.
        send(new PageOpened(drill, "alert-" + drill, checkout, "policy", "DRILL: paging drill for " + checkout,
                now.minusSeconds(60), "SERVICE", "availability", List.of("alice-" + run), "drill-" + run));
        open(real, payments, now);
        // Had the drill counted, the payments page would have declared with it; a real checkout page does instead.
        open(later, checkout, now.plusSeconds(30));
        try (TopicReader reader = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            IncidentDeclared declared = reader.await(IncidentDeclared.class, e -> e.pageIds().contains(later), WAIT);
            assertEquals(List.of(real, later), declared.pageIds());
            assertEquals("rule:another-team", declared.declaredBy());
        }
    }

    private void open(String pageId, String service, Instant at) {
        send(new PageOpened(pageId, "alert-" + pageId, service, "policy", "errors on " + service, at, "SERVICE", null,
                List.of("alice-" + run)));
    }

    private void send(PageEvent event) {
        try (KafkaProducer<String, String> producer = Infrastructure.producer()) {
            producer.send(CloudEventRecords.toRecord(event, "/tocsin/escalation-service", clock.instant()))
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not produce the page event", e);
        }
    }
}
