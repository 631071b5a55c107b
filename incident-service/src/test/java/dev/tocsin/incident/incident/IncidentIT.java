package dev.tocsin.incident.incident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.eventing.DeadlineEngine;
import dev.tocsin.eventing.directory.TokenSecrets;
import dev.tocsin.events.directory.DirectoryEvent;
import dev.tocsin.events.Topics;
import dev.tocsin.events.alert.Link;
import dev.tocsin.events.change.ChangeReceived;
import dev.tocsin.events.directory.MembershipSaved;
import dev.tocsin.events.directory.PersonSaved;
import dev.tocsin.events.directory.ServiceSaved;
import dev.tocsin.events.directory.TeamRole;
import dev.tocsin.events.directory.TeamSaved;
import dev.tocsin.events.directory.TokenIssued;
import dev.tocsin.events.directory.TokenSubject;
import dev.tocsin.events.incident.IncidentDeclared;
import dev.tocsin.events.incident.IncidentRolesChanged;
import dev.tocsin.events.incident.IncidentStatusChanged;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.testing.DirectoryEvents;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.incident.TestClock;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.TopicReader;
import dev.tocsin.testing.TableRows;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An incident run over the API against real PostgreSQL and Kafka, each person with their own
 * token: declared, roles assigned by the commander alone, command handed over only when accepted,
 * mitigations from the operations lead alone, a negative result recorded, the document exported
 * as Markdown, and what other services learn published on {@code tocsin.incidents}.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class IncidentIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    TestClock clock;

    @Inject
    AgroalDataSource database;

    @Inject
    DeadlineEngine engine;

    private String run;
    private String service;
    private final Map<String, String> tokens = new HashMap<>();

    @BeforeEach
    void people() {
        run = UUID.randomUUID().toString().substring(0, 8);
        service = "checkout-" + run;
        String team = "storefront-" + run;
        Instant now = clock.instant();
        List<DirectoryEvent> events = new ArrayList<>(List.of(
                new TeamSaved(team, "Storefront", "UTC", null, "bootstrap:admin", now),
                new ServiceSaved(service, "Checkout", "USER_FACING", team, "bootstrap:admin", now)));
        for (String name : List.of("alice", "bob", "carol")) {
            String person = name + "-" + run;
            String secret = TokenSecrets.generate();
            tokens.put(name, secret);
            events.add(new PersonSaved(person, name, "UTC", null, "bootstrap:admin", now));
            events.add(new MembershipSaved(team, person, TeamRole.RESPONDER, "bootstrap:admin", now));
            events.add(new TokenIssued(UUID.randomUUID().toString(), TokenSecrets.sha256(secret),
                    new TokenSubject(TokenSubject.Kind.PERSON, person), Map.of(team, TeamRole.RESPONDER),
                    now.plus(Duration.ofDays(1)), "bootstrap:admin", now));
        }
        new DirectoryEvents(database).publish(events);
    }

    private String id(String name) {
        return name + "-" + run;
    }

    private RequestSpecification as(String name) {
        return given().header("Authorization", "Bearer " + tokens.get(name)).contentType(ContentType.JSON);
    }

    @Test
    void anIncidentIsRunTheBooksWay() {
        // The service the incident names must be known here before the declaration names it.
        Awaitility.await().atMost(WAIT).untilAsserted(() -> as("alice")
                .body(Map.of("title", "Checkout errors " + run, "severity", "SEV2", "services", List.of(service),
                        "by", id("alice")))
                .post("/api/v1/incidents").then().statusCode(201));
        String incident = as("alice").get("/api/v1/incidents?service=" + service).then().statusCode(200)
                .body("size()", is(1)).extract().path("[0].incidentId");
        as("alice").get("/api/v1/incidents/" + incident).then().statusCode(200)
                .body("status", is("active"))
                .body("roles.commander", is(id("alice")))
                .body("reason", is("declared by " + id("alice")))
                .body("document.summary", is("Checkout errors " + run));

        // Only the commander assigns roles.
        as("bob").body(Map.of("person", id("bob"))).put("/api/v1/incidents/" + incident + "/roles/operations")
                .then().statusCode(403).body("detail", containsString("only the incident commander (" + id("alice")));
        as("alice").body(Map.of("person", id("bob"))).put("/api/v1/incidents/" + incident + "/roles/operations")
                .then().statusCode(200).body("roles.operations", is(id("bob")));
        as("alice").body(Map.of("person", id("carol"))).put("/api/v1/incidents/" + incident + "/roles/commander")
                .then().statusCode(409).body("detail", containsString("handoff"));
        as("alice").body(Map.of("person", "nobody-" + run))
                .put("/api/v1/incidents/" + incident + "/roles/communications")
                .then().statusCode(400).body("errors[0].field", is("person"));

        // Only operations changes the system; anyone records what was tried, negative results included.
        as("alice").body(Map.of("kind", "mitigation", "text", "rolled back v2.14"))
                .post("/api/v1/incidents/" + incident + "/entries")
                .then().statusCode(403).body("detail", containsString("that is " + id("bob")));
        as("carol").body(Map.of("kind", "hypothesis", "text", "the v2.14 deploy broke payments calls"))
                .post("/api/v1/incidents/" + incident + "/entries").then().statusCode(200);
        as("bob").body(Map.of("kind", "mitigation", "text", "rolled back v2.14"))
                .post("/api/v1/incidents/" + incident + "/entries").then().statusCode(200);
        as("carol").body(Map.of("kind", "result", "text", "errors went on after the rollback", "result", "negative"))
                .post("/api/v1/incidents/" + incident + "/entries").then().statusCode(200);
        as("carol").body(Map.of("kind", "result", "text", "no outcome given"))
                .post("/api/v1/incidents/" + incident + "/entries")
                .then().statusCode(400).body("errors[0].field", is("result"));

        // Command changes hands only when the new commander accepts.
        as("alice").body(Map.of("to", id("carol"), "expiresAfter", "PT10M"))
                .post("/api/v1/incidents/" + incident + "/handoff").then().statusCode(200)
                .body("roles.commander", is(id("alice"))).body("handoff.outcome", is("pending"));
        as("bob").body(Map.of()).post("/api/v1/incidents/" + incident + "/handoff/accept")
                .then().statusCode(403);
        as("carol").body(Map.of()).post("/api/v1/incidents/" + incident + "/handoff/accept").then().statusCode(200)
                .body("roles.commander", is(id("carol"))).body("handoff.outcome", is("accepted"));
        as("alice").body(Map.of("status", "mitigated")).post("/api/v1/incidents/" + incident + "/status")
                .then().statusCode(403);
        as("carol").body(Map.of("status", "mitigated")).post("/api/v1/incidents/" + incident + "/status")
                .then().statusCode(200).body("status", is("mitigated"));

        // Role holders keep the document; a person without a role does not.
        Map<String, Object> document = Map.of("summary", "Checkout 5xx after v2.14", "commandPost", "#inc-" + run,
                "nextUpdateDue", clock.instant().plus(Duration.ofMinutes(30)).toString(),
                "exitCriteria", "error rate under 0.1% for 30 minutes", "todos", List.of("find the payments bug"),
                "severity", "SEV1");
        as("bob").body(document).put("/api/v1/incidents/" + incident + "/document").then().statusCode(200)
                .body("severity", is("SEV1")).body("document.commandPost", is("#inc-" + run));

        as("alice").get("/api/v1/incidents/" + incident + "/timeline").then().statusCode(200)
                .body("kind", contains("incident.declared", "incident.role", "incident.hypothesis",
                        "incident.mitigation", "incident.result", "incident.handoff", "incident.handoff",
                        "incident.status", "incident.document"))
                .body("text", hasItem(id("carol") + ": (negative) errors went on after the rollback"));
        String markdown = as("alice").accept("text/markdown").get("/api/v1/incidents/" + incident + "/document")
                .then().statusCode(200).contentType(containsString("text/markdown")).extract().asString();
        assertTrue(markdown.startsWith("# Checkout errors " + run + "\n"), markdown);
        assertTrue(markdown.contains("- **Incident commander:** " + id("carol")), markdown);
        assertTrue(markdown.contains("- **Operations lead:** " + id("bob")), markdown);
        assertTrue(markdown.contains("- [ ] find the payments bug"), markdown);
        assertTrue(markdown.contains("(negative) errors went on after the rollback"), markdown);

        String postmortem = as("alice").accept("text/markdown").get("/api/v1/incidents/" + incident + "/postmortem")
                .then().statusCode(200).contentType(containsString("text/markdown")).extract().asString();
        assertTrue(postmortem.startsWith("# Postmortem: Checkout errors " + run + "\n"), postmortem);
        assertTrue(postmortem.contains("## Hypotheses tested\n\n- " ), postmortem);
        assertTrue(postmortem.contains("hypothesis: the v2.14 deploy broke payments calls\n"), postmortem);
        assertTrue(postmortem.contains("result (negative): errors went on after the rollback\n"), postmortem);
        assertTrue(postmortem.contains("mitigation: rolled back v2.14\n"), postmortem);
        assertTrue(postmortem.contains("- **Mitigated:** " + clock.instant() + " (0 min after declaration)"), postmortem);
        assertTrue(postmortem.contains("## Where we got lucky"), postmortem);
        assertTrue(postmortem.contains("- [ ] find the payments bug"), postmortem);

        as("alice").get("/api/v1/incidents?service=" + service + "&status=mitigated&q=V2.14").then().statusCode(200)
                .body("incidentId", contains(incident)).body("[0].commander", is(id("carol")))
                .body("[0].status", is("mitigated")).body("[0].severity", is("SEV1"));
        as("alice").get("/api/v1/incidents?service=" + service + "&status=active").then().statusCode(200)
                .body("size()", is(0));

        try (TopicReader reader = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.INCIDENTS)) {
            IncidentDeclared declared = reader.await(IncidentDeclared.class, e -> e.incidentId().equals(incident), WAIT);
            assertEquals(List.of(service), declared.services());
            assertEquals(id("alice"), declared.commander());
            IncidentRolesChanged handedOver = reader.await(IncidentRolesChanged.class,
                    e -> e.incidentId().equals(incident) && id("carol").equals(e.roles().get("commander")), WAIT);
            assertEquals(Map.of("commander", id("carol"), "operations", id("bob")), handedOver.roles());
            IncidentStatusChanged mitigated = reader.await(IncidentStatusChanged.class,
                    e -> e.incidentId().equals(incident), WAIT);
            assertEquals("mitigated", mitigated.to());
        }
    }

    @Test
    void anIncidentShowsTheChangesToItsServicesBeforeItNewestFirst() {
        Instant now = clock.instant();
        String other = "payments-" + run;
        sendChanges(List.of(
                change("deploy-" + run, service, "Deploy checkout v2.14", now.minus(Duration.ofMinutes(20))),
                change("flag-" + run, service, "Feature flag fast-cart on", now.minus(Duration.ofMinutes(50))),
                change("old-" + run, service, "Deploy checkout v2.13", now.minus(Duration.ofHours(3))),
                change("elsewhere-" + run, other, "Deploy payments v9", now.minus(Duration.ofMinutes(10)))));
        String incident = Awaitility.await().atMost(WAIT).until(() -> as("alice")
                .body(Map.of("title", "Checkout errors " + run, "severity", "SEV2", "services", List.of(service)))
                .post("/api/v1/incidents").then().extract(), answer -> answer.statusCode() == 201).path("id");
        Awaitility.await().atMost(WAIT).untilAsserted(() -> as("alice").get("/api/v1/incidents/" + incident).then()
                .statusCode(200)
                .body("recentChanges.summary", contains("Deploy checkout v2.14", "Feature flag fast-cart on"))
                .body("recentChanges[0].source", is("ci.example.com")));
        as("alice").get("/api/v1/incidents/" + incident + "/timeline").then().statusCode(200)
                .body("kind", contains("change", "change", "incident.declared"))
                .body("[0].text", is("Feature flag fast-cart on on " + service + " (ci.example.com)"));
        String markdown = as("alice").accept("text/markdown").get("/api/v1/incidents/" + incident + "/document")
                .then().statusCode(200).extract().asString();
        assertTrue(markdown.contains("## Recent changes\n\n- " + now.minus(Duration.ofMinutes(20)) + " · " + service
                + " · Deploy checkout v2.14 (ci.example.com) <https://ci.example.com/runs/deploy-" + run + ">"),
                markdown);
        String postmortem = as("alice").accept("text/markdown").get("/api/v1/incidents/" + incident + "/postmortem")
                .then().statusCode(200).extract().asString();
        assertTrue(postmortem.contains("## Recent changes to its services\n\n- " + now.minus(Duration.ofMinutes(20))
                + " · " + service + " · Deploy checkout v2.14\n"), postmortem);
    }

    private static ChangeReceived change(String id, String service, String summary, Instant at) {
        return new ChangeReceived(id, service, summary, "ci.example.com", at, Map.of(),
                List.of(new Link("https://ci.example.com/runs/" + id, "run")), "pagerduty-change-v2", at);
    }

    @Test
    void theCommunicationsLeadIsRemindedWhenTheNextUpdateIsDue() throws Exception {
        String incident = declare("alice");
        as("alice").body(Map.of("person", id("bob"))).put("/api/v1/incidents/" + incident + "/roles/communications")
                .then().statusCode(200);
        Instant due = clock.instant().plus(Duration.ofMinutes(30));
        as("bob").body(Map.of("summary", "Checkout slow", "nextUpdateDue", due.toString()))
                .put("/api/v1/incidents/" + incident + "/document").then().statusCode(200);
        clock.advance(Duration.ofMinutes(31));
        engine.wake();
        try (TopicReader reader = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.NOTIFY_REQUESTS)) {
            NotifyRequested reminder = reader.await(NotifyRequested.class,
                    e -> incident.equals(e.labels().get("incident")), WAIT);
            assertEquals(id("bob"), reminder.userId());
            assertEquals(null, reminder.alertId(), "a notice about no page");
            assertEquals("Update due on incident \"Incident " + run + "\": the next stakeholder update was due at "
                    + due, reminder.summary());
            assertEquals("incident update reminder: you are the communications lead of incident " + incident,
                    reminder.reason());
        }
        as("alice").get("/api/v1/incidents/" + incident + "/timeline").then().statusCode(200)
                .body("text", hasItem("reminded " + id("bob") + " that the next update was due at " + due));

        // A due time cleared before it comes reminds nobody: its deadline is gone.
        Instant later = clock.instant().plus(Duration.ofMinutes(30));
        as("bob").body(Map.of("summary", "Checkout slow", "nextUpdateDue", later.toString()))
                .put("/api/v1/incidents/" + incident + "/document").then().statusCode(200);
        Awaitility.await().atMost(WAIT).until(() -> reminderArmed(incident));
        as("bob").body(Map.of("summary", "Checkout slow")).put("/api/v1/incidents/" + incident + "/document")
                .then().statusCode(200);
        assertEquals(false, reminderArmed(incident));
    }

    @Test
    void stakeholderUpdatesReachTheIncidentsAndItsServicesSubscribersQuietly() throws Exception {
        String incident = as("alice").body(Map.of("title", "Incident " + run, "severity", "SEV2",
                "services", List.of(service))).post("/api/v1/incidents").then().statusCode(201).extract().path("id");
        as("alice").body(Map.of("person", id("bob"))).put("/api/v1/incidents/" + incident + "/roles/communications")
                .then().statusCode(200);
        // Carol follows this incident; Alice every incident on the service. Only they subscribe themselves.
        as("carol").body(Map.of()).put("/api/v1/incidents/" + incident + "/subscribers/" + id("carol"))
                .then().statusCode(200).body("subscribers", contains(id("carol")));
        as("carol").put("/api/v1/incident-subscriptions/" + service + "/" + id("alice")).then().statusCode(403);
        as("alice").put("/api/v1/incident-subscriptions/" + service + "/" + id("alice")).then().statusCode(201);
        as("alice").put("/api/v1/incident-subscriptions/" + service + "/" + id("alice")).then().statusCode(200);
        as("carol").get("/api/v1/incident-subscriptions/" + service).then().statusCode(200)
                .body("person", contains(id("alice")));

        as("alice").body(Map.of("text", "not the communications lead")).post("/api/v1/incidents/" + incident
                + "/updates").then().statusCode(403).body("detail", is("only the communications lead posts stakeholder "
                        + "updates; that is " + id("bob")));
        Instant next = clock.instant().plus(Duration.ofMinutes(30));
        as("bob").body(Map.of("text", "Checkout fails for 5% of users; a rollback is under way",
                "nextUpdateDue", next.toString())).post("/api/v1/incidents/" + incident + "/updates")
                .then().statusCode(200).body("document.nextUpdateDue", is(next.toString()));
        try (TopicReader reader = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.NOTIFY_REQUESTS)) {
            for (String person : List.of(id("carol"), id("alice"))) {
                NotifyRequested update = reader.await(NotifyRequested.class, e -> incident.equals(
                        e.labels().get("incident")) && person.equals(e.userId()), WAIT);
                assertEquals(Boolean.TRUE, update.quiet(), "read, not woken: email and chat only");
                assertEquals(null, update.alertId());
                assertEquals("Update on incident \"Incident " + run + "\" (active, SEV2): Checkout fails for 5% of "
                        + "users; a rollback is under way", update.summary());
            }
            assertEquals(List.of(), reader.all(NotifyRequested.class, e -> incident.equals(e.labels().get("incident"))
                    && id("bob").equals(e.userId())), "the lead who posted it is not subscribed");
        }
        as("alice").get("/api/v1/incidents/" + incident + "/timeline").then().statusCode(200)
                .body("text", hasItem(id("bob") + " posted a stakeholder update to 2 subscribers: Checkout fails for 5% "
                        + "of users; a rollback is under way"));
        assertEquals(true, reminderArmed(incident), "the next update it promised is reminded of");
        as("alice").delete("/api/v1/incident-subscriptions/" + service + "/" + id("alice")).then().statusCode(204);
        as("alice").delete("/api/v1/incident-subscriptions/" + service + "/" + id("alice")).then().statusCode(404);
    }

    private boolean reminderArmed(String incident) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement select = c.prepareStatement(
                "select 1 from deadlines where kind = 'incident.update-due' and ref = ?")) {
            select.setString(1, incident);
            return select.executeQuery().next();
        }
    }

    @Test
    void anOfferOfCommandNotTakenInTimeExpiresAndIsShown() {
        String incident = declare("alice");
        as("alice").body(Map.of("to", id("bob"), "expiresAfter", "PT5M"))
                .post("/api/v1/incidents/" + incident + "/handoff").then().statusCode(200);
        clock.advance(Duration.ofMinutes(6));
        as("bob").body(Map.of()).post("/api/v1/incidents/" + incident + "/handoff/accept").then().statusCode(409)
                .body("detail", containsString(id("alice") + " still holds command"));
        as("alice").get("/api/v1/incidents/" + incident).then().statusCode(200)
                .body("handoff.outcome", is("expired")).body("roles.commander", is(id("alice")));
        as("alice").get("/api/v1/incidents/" + incident + "/timeline").then().statusCode(200)
                .body("text", hasItem("the offer of command to " + id("bob") + " expired unanswered; "
                        + id("alice") + " holds command"));
        as("bob").body(Map.of()).post("/api/v1/incidents/" + incident + "/handoff/decline").then().statusCode(409);
    }

    @Test
    void badInputIsNamedAndNothingIsDeclared() {
        as("alice").body(Map.of("severity", "SEV9", "services", List.of("no-such-" + run)))
                .post("/api/v1/incidents").then().statusCode(400)
                .body("errors.field", contains("title", "severity"));
        as("alice").body(Map.of("title", "t", "severity", "SEV3", "commander", "nobody-" + run))
                .post("/api/v1/incidents").then().statusCode(400).body("errors[0].field", is("commander"));
        as("alice").body(Map.of("title", "t", "severity", "SEV3", "by", id("bob")))
                .post("/api/v1/incidents").then().statusCode(403).body("detail", containsString("acts as them only"));
        as("alice").body(Map.of("title", "t", "severity", "SEV3", "pageIds", List.of("no-page-" + run)))
                .post("/api/v1/incidents").then().statusCode(400).body("errors[0].field", is("pageIds[0]"));
        as("alice").get("/api/v1/incidents/" + UUID.randomUUID()).then().statusCode(404);
        as("alice").body(Map.of("person", id("bob"))).put("/api/v1/incidents/" + UUID.randomUUID() + "/roles/planning")
                .then().statusCode(404);
        as("alice").get("/api/v1/incidents?status=burning").then().statusCode(400)
                .body("errors[0].field", is("status"));
        // A deployment token names who acts; a viewer's changes nothing.
        given().header("Authorization", "Bearer test-responder-token").contentType(ContentType.JSON)
                .body(Map.of("title", "t", "severity", "SEV3")).post("/api/v1/incidents").then().statusCode(400)
                .body("errors[0].field", is("by"));
        given().header("Authorization", "Bearer test-viewer-token").contentType(ContentType.JSON)
                .body(Map.of("title", "t", "severity", "SEV3", "by", id("alice"))).post("/api/v1/incidents").then()
                .statusCode(403);
        as("alice").get("/api/v1/incidents?q=t").then().statusCode(200).body("title", not(hasItem("t")));
        // Whoever a deployment token names must be a person: nothing is recorded in a stranger's name.
        String incident = declare("alice");
        given().header("Authorization", "Bearer test-admin-token").contentType(ContentType.JSON)
                .body(Map.of("kind", "note", "text", "n", "by", "nobody-" + run))
                .post("/api/v1/incidents/" + incident + "/entries").then().statusCode(400)
                .body("errors[0].field", is("by"));
        given().header("Authorization", "Bearer test-admin-token").contentType(ContentType.JSON)
                .body(Map.of("kind", "note", "text", "written for alice", "by", id("alice")))
                .post("/api/v1/incidents/" + incident + "/entries").then().statusCode(200);
    }

    @Test
    void aClosedIncidentTakesNothingMore() {
        String incident = declare("alice");
        as("alice").body(Map.of("status", "closed")).post("/api/v1/incidents/" + incident + "/status")
                .then().statusCode(409).body("detail", containsString("only a resolved incident is closed"));
        as("alice").body(Map.of("status", "resolved")).post("/api/v1/incidents/" + incident + "/status")
                .then().statusCode(200);
        as("alice").body(Map.of("status", "closed")).post("/api/v1/incidents/" + incident + "/status")
                .then().statusCode(200).body("status", is("closed"));
        as("alice").body(Map.of("kind", "note", "text", "late")).post("/api/v1/incidents/" + incident + "/entries")
                .then().statusCode(409);
        as("alice").get("/api/v1/incidents/" + incident).then().body("handoff", nullValue());
    }

    @Test
    void theIncidentsTableIsRebuiltFromTheEventsAlone() throws Exception {
        String incident = declare("alice");
        as("alice").body(Map.of("person", id("bob"))).put("/api/v1/incidents/" + incident + "/roles/operations")
                .then().statusCode(200);
        as("alice").body(Map.of("to", id("carol"))).post("/api/v1/incidents/" + incident + "/handoff")
                .then().statusCode(200);
        as("carol").body(Map.of()).post("/api/v1/incidents/" + incident + "/handoff/accept").then().statusCode(200);
        String ours = "select * from incidents where incident_id = '" + incident + "'";
        List<List<String>> before = TableRows.select(database, Set.of(), ours);
        assertEquals(1, before.size());
        try (Connection connection = database.getConnection();
                PreparedStatement lost = connection.prepareStatement("delete from incidents where incident_id = ?")) {
            lost.setString(1, incident);
            lost.executeUpdate();
        }
        as("alice").get("/api/v1/incidents?q=Incident " + run).then().statusCode(200).body("size()", is(0));

        given().header("Authorization", "Bearer test-admin-token").post("/api/v1/admin/rebuild").then()
                .statusCode(200).body("rows.incidents", greaterThanOrEqualTo(1));
        assertEquals(before, TableRows.select(database, Set.of(), ours));
        as("alice").get("/api/v1/incidents?q=Incident " + run).then().statusCode(200)
                .body("incidentId", contains(incident)).body("[0].commander", is(id("carol")));
    }

    private String declare(String who) {
        return as(who).body(Map.of("title", "Incident " + run, "severity", "SEV3")).post("/api/v1/incidents")
                .then().statusCode(201).extract().path("id");
    }

    /** Produces the changes as alert-ingest publishes them. */
    private void sendChanges(List<ChangeReceived> changes) {
        try (KafkaProducer<String, String> producer = Infrastructure.producer()) {
            for (ChangeReceived change : changes) {
                producer.send(CloudEventRecords.toRecord(change, "/tocsin/alert-ingest", clock.instant()))
                        .get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new AssertionError("could not produce change events", e);
        }
    }
}
