package dev.tocsin.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.tocsin.events.EventJson;
import dev.tocsin.events.Topics;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.fakes.TwilioFake;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tocsin end to end, as timelines: post an alert the way Prometheus does, expect one email to the
 * primary on call, post it again and expect nothing more, and read the page's timeline; or let the
 * primary not answer, move the clock past the step's deadline and expect the secondary's email.
 * The same timeline survives escalation-service killed with SIGKILL mid-step, and two replicas of
 * it escalate each page once. A storm on two teams' services is run as one incident: declared by
 * rule, command handed over and accepted, an overdue update reminded, a postmortem drawn from it.
 * A test leaves no page open, since moving the clock would escalate it.
 */
class EndToEndIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static Stack stack;

    @BeforeAll
    static void start() throws IOException {
        stack = new Stack();
    }

    @AfterAll
    static void stop() throws IOException {
        if (stack != null) {
            // checkout is user-facing with an SLO, so its first page of the run declares an incident,
            // and the rules tell whoever the pages notified, and whoever a page joining it notified;
            // the storm's incident tells its paged too.
            stack.claim(incidentNotices());
            stack.close();
        }
    }

    @Test
    void everyServiceIsHealthy() {
        for (String service : Stack.SERVICES) {
            Http.Response health = Http.get(stack.url(service) + "/q/health");
            assertEquals(200, health.status(), service + ": " + health.body());
            assertEquals("UP", health.json().path("status").asText(), service);
        }
    }

    @Test
    void theApisNeedATokenAndTheApiDocumentsAreOffInProduction() {
        for (String service : Stack.SERVICES) {
            // The services run in the prod profile here, as in a deployment.
            assertEquals(404, Http.get(stack.url(service) + "/q/openapi").status(), service);
            assertEquals(404, Http.get(stack.url(service) + "/q/swagger-ui/").status(), service);
        }
        assertEquals(401, Http.get(stack.url("notifier-service") + "/api/v1/deliveries").status());
        assertEquals(401, Http.get(stack.url("notifier-service") + "/api/v1/deliveries", "demo").status());
        assertEquals(200, Http.get(stack.url("notifier-service") + "/api/v1/deliveries", stack.viewerToken).status());
        // The well-known key of earlier releases is no key at all.
        assertEquals(401, Http.send("POST", stack.url("alert-ingest") + "/api/v2/alerts", "demo", "[]").status());
    }

    @Test
    void anAlertWakesThePrimaryByEmailExactlyOnce() throws Exception {
        String run = UUID.randomUUID().toString();
        String alert = demoAlert(run);
        String primary = Http.get(stack.url("escalation-service") + "/api/v1/schedules/checkout-oncall/on-call",
                stack.viewerToken)
                .json().path("primary").asText();

        // Post the alert: the primary gets one email carrying its summary.
        assertEquals(202, Http.send("POST", stack.url("alert-ingest") + "/api/v2/alerts", stack.demoKey(), alert)
                .status());
        Awaitility.await("email to " + primary).atMost(WAIT).until(() -> emailsFor(run).size() == 1);
        MimeMessage email = emailsFor(run).get(0);
        assertEquals(primary + "@example.com", email.getAllRecipients()[0].toString());
        assertTrue(email.getSubject().contains("Checkout error rate above 5%"), email.getSubject());

        // Post it again, as Prometheus re-sends a firing alert: counted, and nobody is woken twice.
        assertEquals(202, Http.send("POST", stack.url("alert-ingest") + "/api/v2/alerts", stack.demoKey(), alert)
                .status());
        JsonNode stored = Awaitility.await("the repeat counted").atMost(WAIT).until(() -> alertOf(run),
                a -> a != null && a.path("count").asInt() == 2);
        assertEquals(1, emailsFor(run).size());
        stack.claim(emailsFor(run));

        // The page's timeline on incident-service tells the whole story.
        String alertId = stored.path("id").asText();
        String pageId = Http.get(stack.url("escalation-service") + "/api/v1/pages?alertId=" + alertId,
                        stack.viewerToken).json()
                .get(0).path("id").asText();
        Awaitility.await("the page's timeline").atMost(WAIT).untilAsserted(() -> {
            JsonNode timeline = Http.get(stack.url("incident-service") + "/api/v1/pages/" + pageId + "/timeline",
                    stack.viewerToken).json();
            List<String> kinds = StreamSupport.stream(timeline.path("entries").spliterator(), false)
                    .map(e -> e.path("kind").asText()).toList();
            assertTrue(kinds.containsAll(List.of("alert.triggered", "page.opened", "notify.requested", "delivery.sent")),
                    kinds.toString());
        });
        acknowledge(pageId, primary);
    }

    @Test
    void whenThePrimaryDoesNotAnswerTheSecondaryIsEmailedAndAcknowledgingStopsTheEscalation() throws Exception {
        // A service of its own whose policy goes round twice: unacknowledged, the primary would be
        // emailed again after the secondary, so "nothing more is sent" below is something to check.
        assertSuccess(Http.send("PUT", stack.url("escalation-service") + "/api/v1/escalation-policies/payments-policy",
                stack.adminToken, "{\"name\":\"Payments: primary, secondary, twice\",\"repeat\":1,\"steps\":["
                        + "{\"targets\":[{\"type\":\"SCHEDULE_PRIMARY\",\"id\":\"checkout-oncall\"}],\"deadline\":\"PT5M\"},"
                        + "{\"targets\":[{\"type\":\"SCHEDULE_SECONDARY\",\"id\":\"checkout-oncall\"}],\"deadline\":\"PT5M\"}]}"));
        String paymentsKey = newService("payments", "Payments", "payments-policy");
        String run = UUID.randomUUID().toString();
        String onCall = stack.url("escalation-service") + "/api/v1/schedules/checkout-oncall/on-call";

        // 00:00 The alert fires: the primary is emailed.
        String primary = Http.get(onCall, stack.viewerToken).json().path("primary").asText();
        assertEquals(202, Http.send("POST", stack.url("alert-ingest") + "/api/v2/alerts", paymentsKey,
                "[{\"labels\":{\"alertname\":\"PaymentsDown\",\"service\":\"payments\",\"severity\":\"critical\","
                        + "\"run\":\"" + run + "\"},\"annotations\":{\"summary\":\"Payments down " + run + "\"}}]")
                .status());
        Awaitility.await("email to the primary " + primary).atMost(WAIT).until(() -> emailsFor(run).size() == 1);
        List<MimeMessage> first = emailsFor(run);
        assertEquals(List.of(primary + "@example.com"), recipients(first));
        // The only open page is this one: another test's would escalate too when the clock moves.
        String pageId = Awaitility.await("one open page, this test's").atMost(WAIT).until(
                () -> Http.get(stack.url("escalation-service") + "/api/v1/pages?status=OPEN", stack.viewerToken).json(),
                pages -> pages.size() == 1 && StreamSupport.stream(pages.spliterator(), false)
                        .allMatch(p -> p.path("service").asText().equals("payments")))
                .get(0).path("id").asText();

        // 05:01 Nobody answered within the step's five minutes: the secondary is emailed.
        stack.advanceClock(Duration.ofMinutes(5).plusSeconds(1));
        String secondary = Http.get(onCall, stack.viewerToken).json().path("secondary").asText();
        Awaitility.await("email to the secondary " + secondary).atMost(WAIT).until(() -> emailsFor(run).size() == 2);
        List<MimeMessage> second = emailsFor(run);
        second.removeAll(first);
        assertEquals(List.of(secondary + "@example.com"), recipients(second));

        // 05:01 The secondary acknowledges.
        acknowledge(pageId, secondary);

        // 10:02 Past the second step's deadline, which would start the second round: nothing more is
        // sent. Every engine was woken by the move, so an escalation would email within a second.
        stack.advanceClock(Duration.ofMinutes(5).plusSeconds(1));
        Awaitility.await("no email after the acknowledgement").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> emailsFor(run).size() == 2);
        JsonNode page = Http.get(stack.url("escalation-service") + "/api/v1/pages/" + pageId, stack.viewerToken).json();
        assertEquals("ACKNOWLEDGED", page.path("status").asText(), page.toString());
        assertEquals(1, page.path("round").asInt(), page.toString());
        stack.claim(emailsFor(run));
    }

    @Test
    void aPushAtOnceAnSmsAMinuteLaterAndAnSmsReplyStopsTheEscalationBeforeAnyCall() throws Exception {
        String run = UUID.randomUUID().toString();
        String primary = Http.get(stack.url("escalation-service") + "/api/v1/schedules/checkout-oncall/on-call",
                stack.viewerToken).json().path("primary").asText();
        // The demo's methods and rules, set again: the guide's test changes bob's in the same database.
        String phone = "+1555" + (1_000_000 + Math.abs(run.hashCode() % 9_000_000));
        String topic = "tocsin-smoke-" + primary;
        String methods = stack.url("notifier-service") + "/api/v1/users/" + primary;
        assertSuccess(Http.send("PUT", methods + "/contact-methods/push", stack.adminToken,
                "{\"type\":\"PUSH\",\"address\":\"" + stack.ntfy.url() + "/" + topic + "\"}"));
        assertSuccess(Http.send("PUT", methods + "/contact-methods/mobile", stack.adminToken,
                "{\"type\":\"SMS\",\"address\":\"" + phone + "\"}"));
        assertSuccess(Http.send("PUT", methods + "/contact-methods/desk", stack.adminToken,
                "{\"type\":\"VOICE\",\"address\":\"" + phone + "\"}"));
        assertSuccess(Http.send("PUT", methods + "/notification-rules", stack.adminToken, "{\"rules\":["
                + "{\"contactMethod\":\"push\",\"delay\":\"PT0S\"},{\"contactMethod\":\"email\",\"delay\":\"PT0S\"},"
                + "{\"contactMethod\":\"mobile\",\"delay\":\"PT1M\"},{\"contactMethod\":\"desk\",\"delay\":\"PT3M\"}]}"));

        // 00:00 The alert fires: the primary's phone buzzes (ntfy) and the email arrives, at once.
        postAlert(stack.demoKey(), "checkout", "CheckoutPhones", run);
        Awaitility.await("the push to " + topic).atMost(WAIT).until(() -> stack.ntfy.publishedTo(topic).stream()
                .anyMatch(push -> push.path("title").asText().contains(run)));
        Awaitility.await("the email to " + primary).atMost(WAIT).until(() -> emailsFor(run).size() == 1);
        String pageId = onlyOpenPage("checkout");
        assertTrue(smsFor(phone, run).isEmpty(), "no SMS before its minute");

        // 01:01 Nobody answered: the SMS, with the page's reply code.
        stack.advanceClock(Duration.ofMinutes(1).plusSeconds(1));
        String sms = Awaitility.await("the SMS to " + phone).atMost(WAIT).until(() -> smsFor(phone, run),
                texts -> texts.size() == 1).get(0);
        Matcher code = Pattern.compile("Reply (\\d+)a to acknowledge").matcher(sms);
        assertTrue(code.find(), sms);

        // The primary replies "<code>a", as Twilio delivers a reply: signed with the account's token.
        String webhook = stack.url("notifier-service") + "/webhooks/twilio/sms";
        TwilioFake.WebhookAnswer answer = stack.twilio.sendSms(webhook, webhook, phone, code.group(1) + "a");
        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.body().contains("Acknowledge sent for page " + pageId), answer.body());
        Awaitility.await("the page acknowledged by SMS").atMost(WAIT).until(() -> Http.get(stack.url(
                "escalation-service") + "/api/v1/pages/" + pageId, stack.viewerToken).json().path("status").asText()
                .equals("ACKNOWLEDGED"));
        long callsBefore = stack.twilio.calls().stream().filter(call -> phone.equals(call.to())).count();

        // 05:02 Past the call's three minutes and the step's five: no call, and the secondary is not emailed.
        stack.advanceClock(Duration.ofMinutes(4).plusSeconds(1));
        Awaitility.await("no call and no email after the reply").during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10)).until(() -> emailsFor(run).size() == 1 && stack.twilio.calls().stream()
                        .filter(call -> phone.equals(call.to())).count() == callsBefore);
        Awaitility.await("the acknowledgement on the timeline").atMost(WAIT).until(() -> {
            JsonNode timeline = Http.get(stack.url("incident-service") + "/api/v1/pages/" + pageId + "/timeline",
                    stack.viewerToken).json();
            return StreamSupport.stream(timeline.path("entries").spliterator(), false).anyMatch(e -> e.path("kind")
                    .asText().equals("page.acknowledged") && e.path("text").asText().contains("sms"));
        });
        stack.claim(emailsFor(run));
    }

    /** The SMS texts the local Twilio took for {@code phone} that name {@code run}. */
    private static List<String> smsFor(String phone, String run) {
        return stack.twilio.messagesTo(phone).stream().map(TwilioFake.Created::body).filter(b -> b.contains(run))
                .toList();
    }

    @Test
    void anOverrideIsHonouredWhenThePageOpens() throws Exception {
        twoStepPolicy("orders-policy");
        String ordersKey = newService("orders", "Orders", "orders-policy");
        String schedule = stack.url("escalation-service") + "/api/v1/schedules/checkout-oncall";
        String primary = Http.get(schedule + "/on-call", stack.viewerToken).json().path("primary").asText();
        String cover = primary.equals("alice") ? "bob" : "alice";

        // The other one covers the whole schedule for a day around now (whatever the moved clock says).
        Http.Response override = Http.send("POST", schedule + "/overrides", stack.adminToken, "{\"person\":\""
                + cover + "\",\"start\":\"" + Instant.now().minus(Duration.ofDays(1)) + "\",\"end\":\""
                + Instant.now().plus(Duration.ofDays(1)) + "\"}");
        assertEquals(201, override.status(), override.body());
        assertEquals(cover, Http.get(schedule + "/on-call", stack.viewerToken).json().path("primary").asText());

        String run = UUID.randomUUID().toString();
        postAlert(ordersKey, "orders", "OrdersDown", run);
        Awaitility.await("email to " + cover + ", who covers").atMost(WAIT).until(() -> emailsFor(run).size() == 1);
        assertEquals(List.of(cover + "@example.com"), recipients(emailsFor(run)));
        String pageId = Awaitility.await("the orders page").atMost(WAIT).until(() -> openPages("orders"),
                pages -> pages.size() == 1).get(0);
        acknowledge(pageId, cover);
        stack.claim(emailsFor(run));
        assertEquals(204, Http.delete(schedule + "/overrides/" + override.json().path("id").asText(),
                stack.adminToken).status());
        assertEquals(primary, Http.get(schedule + "/on-call", stack.viewerToken).json().path("primary").asText());
    }

    @Test
    void escalationServiceKilledMidStepNotifiesTheSecondaryExactlyOnceAfterItsRestart() throws Exception {
        twoStepPolicy("ledger-policy");
        String key = newService("ledger", "Ledger", "ledger-policy");
        String run = UUID.randomUUID().toString();
        String onCall = stack.url("escalation-service") + "/api/v1/schedules/checkout-oncall/on-call";
        String primary = Http.get(onCall, stack.viewerToken).json().path("primary").asText();
        String secondary = Http.get(onCall, stack.viewerToken).json().path("secondary").asText();

        // 00:00 The alert fires: the primary is emailed, and the step's deadline is armed.
        postAlert(key, "ledger", "LedgerDown", run);
        Awaitility.await("email to the primary " + primary).atMost(WAIT).until(() -> emailsFor(run).size() == 1);
        List<MimeMessage> first = emailsFor(run);
        assertEquals(List.of(primary + "@example.com"), recipients(first));
        String pageId = onlyOpenPage("ledger");

        // escalation-service dies with SIGKILL while the step runs; the deadline passes while it is down.
        stack.kill("escalation-service");
        stack.advanceClock(Duration.ofMinutes(5).plusSeconds(1));

        // Started again, it finds the deadline past due: the secondary is emailed, once.
        stack.restart("escalation-service");
        Awaitility.await("email to the secondary " + secondary).atMost(WAIT).until(() -> emailsFor(run).size() == 2);
        Awaitility.await("nothing sent twice").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> emailsFor(run).size() == 2);
        List<MimeMessage> second = emailsFor(run);
        second.removeAll(first);
        assertEquals(List.of(secondary + "@example.com"), recipients(second));
        Awaitility.await("one escalation on the page's timeline").atMost(WAIT)
                .until(() -> timelineKinds(pageId).contains("page.escalated"));
        assertEquals(1, timelineKinds(pageId).stream().filter("page.escalated"::equals).count(),
                timelineKinds(pageId).toString());
        acknowledge(pageId, secondary);
        stack.claim(emailsFor(run));
    }

    @Test
    void twoEscalationReplicasFireEveryDeadlineOnce() throws Exception {
        twoStepPolicy("inventory-policy");
        String key = newService("inventory", "Inventory", "inventory-policy");
        String replica = stack.startReplica("escalation-service");
        try {
            // Four pages, fewer than a storm: their alerts spread over the partitions both replicas share.
            List<String> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String run = UUID.randomUUID().toString();
                runs.add(run);
                postAlert(key, "inventory", "InventoryDown" + i, run);
            }
            for (String run : runs) {
                Awaitility.await("email to the primary for " + run).atMost(WAIT).until(() -> emailsFor(run).size() == 1);
            }
            List<String> pages = Awaitility.await("four open pages, this test's").atMost(WAIT)
                    .until(() -> openPages("inventory"), p -> p.size() == 4);

            // Past every page's deadline, with both replicas' engines woken by the move at once.
            stack.advanceClock(Duration.ofMinutes(5).plusSeconds(1));
            for (String run : runs) {
                Awaitility.await("email to the secondary for " + run).atMost(WAIT).until(() -> emailsFor(run).size() == 2);
            }
            Awaitility.await("no page escalated twice").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> runs.stream().allMatch(run -> emailsFor(run).size() == 2));
            for (String pageId : pages) {
                Awaitility.await("the escalation of " + pageId + " on its timeline").atMost(WAIT)
                        .until(() -> timelineKinds(pageId).contains("page.escalated"));
                assertEquals(1, timelineKinds(pageId).stream().filter("page.escalated"::equals).count(),
                        pageId + ": " + timelineKinds(pageId));
                acknowledge(pageId, "responder");
            }
            for (String run : runs) {
                stack.claim(emailsFor(run));
            }
        } finally {
            stack.stop(replica);
        }
    }

    @Test
    void aBurstOfFiftyAlertsOnOneServiceWakesThePrimaryWithOneGroupedPage() throws Exception {
        // A service of its own, so pages of the other tests on checkout do not count toward its storm.
        // A key speaks only for its services: the checkout demo key may not post for storefront.
        String storefrontKey = newService("storefront", "Storefront", "checkout-policy");
        String run = UUID.randomUUID().toString();
        List<String> burst = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            burst.add("{\"labels\":{\"alertname\":\"StorefrontDown" + i + "\",\"service\":\"storefront\","
                    + "\"severity\":\"critical\",\"run\":\"" + run + "\"},"
                    + "\"annotations\":{\"summary\":\"Storefront pod " + i + " down " + run + "\"}}");
        }
        // The change-induced outage of SRE book ch. 13: fifty alerts at once from one service.
        assertEquals(202, Http.send("POST", stack.url("alert-ingest") + "/api/v2/alerts", storefrontKey,
                "[" + String.join(",", burst) + "]").status());

        // The first five page on their own; the other 45 join one grouped page: six emails, not fifty.
        Awaitility.await("the grouped page's email").atMost(WAIT).until(() -> stormEmails().size() == 1);
        Awaitility.await("the first five pages").atMost(WAIT).until(() -> emailsFor(run).size() == 5);
        JsonNode groups = Awaitility.await("the group's members").atMost(WAIT).until(
                () -> Http.get(stack.url("alert-ingest") + "/api/v1/alert-groups?service=storefront",
                        stack.viewerToken).json(),
                g -> g.size() == 1 && g.get(0).path("members").asInt() == 45);
        assertTrue(groups.get(0).path("summary").asText().endsWith("alerts firing on storefront"),
                groups.get(0).toString());
        assertEquals(1, stormEmails().size());
        stack.claim(emailsFor(run));
        stack.claim(stormEmails());
        // Six pages: the first five and the grouped one; the primary takes them all.
        JsonNode open = Http.get(stack.url("escalation-service") + "/api/v1/pages?status=OPEN", stack.viewerToken).json();
        for (JsonNode page : open) {
            if (page.path("service").asText().equals("storefront")) {
                acknowledge(page.path("id").asText(), "responder");
            }
        }
    }

    @Test
    void aStormOnTwoTeamsServicesIsRunAsOneIncidentTheBooksWay() throws Exception {
        // Two services of two teams, neither with an SLO (their alerts page by rule), so only the
        // another-team rule can declare.
        String run = UUID.randomUUID().toString();
        String catalogKey = teamService("catalog", "web");
        String billingKey = teamService("billing", "money");
        String incidents = stack.url("incident-service") + "/api/v1/incidents";
        for (String service : List.of("catalog", "billing")) {
            Awaitility.await("incident-service knows " + service).atMost(WAIT).until(() -> Http.get(
                    stack.url("incident-service") + "/api/v1/incident-subscriptions/" + service, stack.viewerToken)
                    .status() == 200);
        }

        // 00:00 A storm on both: three alerts each, and the deploy that started it reported.
        Http.Response change = Http.send("POST", stack.url("alert-ingest") + "/api/v1/changes", stack.adminToken,
                "{\"service\":\"catalog\",\"summary\":\"Deploy catalog v7 " + run + "\",\"source\":\"ci\"}");
        assertEquals(202, change.status(), change.body());
        for (int i = 0; i < 3; i++) {
            postAlert(catalogKey, "catalog", "CatalogErrors" + i, run);
            postAlert(billingKey, "billing", "BillingErrors" + i, run);
        }
        Awaitility.await("six pages").atMost(WAIT).until(() -> openPages("catalog").size() + openPages("billing").size()
                == 6);
        // Emailed before anyone acknowledges, which would cancel what is still waiting.
        Awaitility.await("the six pages' emails").atMost(WAIT).until(() -> emailsFor(run).size() == 6);
        List<String> pages = new ArrayList<>(openPages("catalog"));
        pages.addAll(openPages("billing"));
        // One incident, declared because another team is needed, holding every page of the storm.
        String id = Awaitility.await("one incident").atMost(WAIT).until(
                () -> Http.get(incidents + "?service=billing", stack.viewerToken).json(), found -> found.size() == 1)
                .get(0).path("incidentId").asText();
        String at = incidents + "/" + id;
        JsonNode incident = Awaitility.await("the incident holding every page").atMost(WAIT).until(
                () -> Http.get(at, stack.viewerToken).json(), found -> StreamSupport.stream(
                        found.path("pageIds").spliterator(), false).map(JsonNode::asText).toList().containsAll(pages));
        assertTrue(incident.path("reason").asText().startsWith("another team is needed: pages for "),
                incident.toString());
        assertEquals(1, Http.get(incidents + "?service=catalog", stack.viewerToken).json().size());
        // Whoever the storm's pages woke is told it is an incident now, with nobody in command yet.
        Awaitility.await("the incident's notice to the paged").atMost(WAIT).until(() -> !emails(m -> m.getSubject()
                .contains("Incident declared:") && GreenMailUtil.getBody(m).contains("in incident " + id)).isEmpty());
        for (String page : pages) {
            acknowledge(page, "alice");
        }

        // Alice takes command and makes Bob communications lead; she hands command to Bob, who accepts.
        assertSuccess(Http.send("POST", at + "/command", stack.adminToken, "{\"by\":\"alice\"}"));
        assertSuccess(Http.send("PUT", at + "/roles/communications", stack.adminToken,
                "{\"person\":\"bob\",\"by\":\"alice\"}"));
        assertSuccess(Http.send("POST", at + "/handoff", stack.adminToken, "{\"to\":\"bob\",\"by\":\"alice\"}"));
        assertEquals("alice", Http.get(at, stack.viewerToken).json().path("roles").path("commander").asText(),
                "the old commander holds command until the offer is accepted");
        assertSuccess(Http.send("POST", at + "/handoff/accept", stack.adminToken, "{\"by\":\"bob\"}"));
        assertSuccess(Http.send("PUT", at + "/roles/operations", stack.adminToken,
                "{\"person\":\"alice\",\"by\":\"bob\"}"));
        assertSuccess(Http.send("POST", at + "/entries", stack.adminToken,
                "{\"kind\":\"hypothesis\",\"text\":\"catalog v7 broke billing " + run + "\",\"by\":\"bob\"}"));
        assertSuccess(Http.send("POST", at + "/entries", stack.adminToken,
                "{\"kind\":\"result\",\"result\":\"negative\",\"text\":\"rolling back v7 changed nothing\","
                        + "\"by\":\"alice\"}"));

        // The next update is due in a minute, and Bob does not post it: he is reminded by email.
        Instant now = Instant.parse(Http.get(at, stack.viewerToken).json().path("updatedAt").asText());
        assertSuccess(Http.send("PUT", at + "/document", stack.adminToken, "{\"summary\":\"Storm on catalog and "
                + "billing\",\"nextUpdateDue\":\"" + now.plusSeconds(60) + "\",\"by\":\"bob\"}"));
        stack.advanceClock(Duration.ofMinutes(2));
        List<MimeMessage> reminder = Awaitility.await("the reminder to bob").atMost(WAIT).until(
                () -> emails(m -> m.getSubject().contains("Update due on incident")
                        && recipients(List.of(m)).equals(List.of("bob@example.com"))), found -> found.size() == 1);
        stack.claim(reminder);

        // The postmortem draft holds the timeline, the hypothesis tested and the deploy.
        String postmortem = Http.get(at + "/postmortem", stack.viewerToken).body();
        assertTrue(postmortem.contains("## Timeline"), postmortem);
        assertTrue(postmortem.contains("catalog v7 broke billing " + run), postmortem);
        assertTrue(postmortem.contains("Deploy catalog v7 " + run), postmortem);
        assertTrue(postmortem.contains("bob accepted command from alice"), postmortem);
        assertTrue(postmortem.contains("reminded bob that the next update was due"), postmortem);

        for (String page : pages) {
            assertSuccess(Http.send("POST", stack.url("escalation-service") + "/api/v1/pages/" + page + "/resolve",
                    stack.adminToken, "{\"by\":\"alice\"}"));
        }
        assertSuccess(Http.send("POST", at + "/status", stack.adminToken, "{\"status\":\"resolved\",\"by\":\"bob\"}"));
        stack.claim(emailsFor(run));
    }

    /** A new service of its own team {@code team}, created when it is new; returns the service's key. */
    private static String teamService(String id, String team) {
        Http.Response created = Http.send("POST", stack.url("escalation-service") + "/api/v1/teams", stack.adminToken,
                "{\"id\":\"" + team + "\",\"name\":\"" + team + "\",\"timeZone\":\"UTC\"}");
        assertTrue(created.status() == 201 || created.status() == 409, created.status() + ": " + created.body());
        return newService(id, id, "checkout-policy", team);
    }

    @Test
    void theOnCallLoadCountsAPageAndTheDashboardReadsOnlyMetricsTheServicesExport() throws Exception {
        // Everything the dashboard shows happens once: a page is escalated, acknowledged by the
        // secondary and resolved, and an incident is declared for it.
        twoStepPolicy("dashboard-policy");
        String key = newService("dashboard", "Dashboard", "dashboard-policy");
        String run = UUID.randomUUID().toString();
        String onCall = stack.url("escalation-service") + "/api/v1/schedules/checkout-oncall/on-call";
        String primary = Http.get(onCall, stack.viewerToken).json().path("primary").asText();
        Instant from = Instant.parse(Http.get(onCall, stack.viewerToken).json().path("at").asText());
        postAlert(key, "dashboard", "DashboardDown", run);
        Awaitility.await("email to the primary").atMost(WAIT).until(() -> emailsFor(run).size() == 1);
        String pageId = onlyOpenPage("dashboard");
        // Escalated at once rather than by moving the clock, which would bring other tests' deadlines nearer.
        String secondary = Http.get(onCall, stack.viewerToken).json().path("secondary").asText();
        assertSuccess(Http.send("POST", stack.url("escalation-service") + "/api/v1/pages/" + pageId + "/escalate",
                stack.adminToken, "{\"by\":\"" + primary + "\"}"));
        Awaitility.await("email to the secondary").atMost(WAIT).until(() -> emailsFor(run).size() == 2);
        acknowledge(pageId, secondary);
        assertSuccess(Http.send("POST", stack.url("escalation-service") + "/api/v1/pages/" + pageId + "/resolve",
                stack.adminToken, "{\"by\":\"" + secondary + "\"}"));
        Http.Response declared = Http.send("POST", stack.url("incident-service") + "/api/v1/incidents",
                stack.adminToken, "{\"title\":\"Dashboard down " + run + "\",\"severity\":\"SEV3\","
                        + "\"services\":[\"dashboard\"],\"pageIds\":[\"" + pageId + "\"],\"by\":\"" + secondary + "\"}");
        assertEquals(201, declared.status(), declared.body());
        stack.claim(emailsFor(run));

        // The load: the page reached the primary's shift and the secondary's, and both count its incident.
        String load = stack.url("escalation-service") + "/api/v1/on-call-load/shifts?schedule=checkout-oncall&from="
                + from.minusSeconds(1) + "&to=" + from.plus(Duration.ofHours(1));
        Awaitility.await("the page and its incident in the load").atMost(WAIT).untilAsserted(() -> {
            JsonNode shifts = Http.get(load, stack.viewerToken).json().path("shifts");
            for (String person : List.of(primary, secondary)) {
                JsonNode shift = StreamSupport.stream(shifts.spliterator(), false)
                        .filter(s -> s.path("person").asText().equals(person)).findFirst().orElseThrow();
                assertTrue(shift.path("load").path("pages").asInt() >= 1, shift.toString());
                assertTrue(shift.path("load").path("incidents").asInt() >= 1, shift.toString());
            }
        });

        // Every metric a panel asks for is one a service exports.
        JsonNode dashboard = EventJson.MAPPER.readTree(Path.of(System.getProperty("tocsin.root", ".."))
                .resolve("deploy/grafana/tocsin-on-call.json").toFile());
        Pattern metric = Pattern.compile("\\btocsin_[a-z0-9_]+");
        Awaitility.await("every panel's metrics exported").atMost(WAIT).untilAsserted(() -> {
            StringBuilder exported = new StringBuilder();
            for (String service : Stack.SERVICES) {
                exported.append(Http.get(stack.url(service) + "/q/metrics").body());
            }
            Set<String> names = exported.toString().lines().filter(line -> !line.startsWith("#"))
                    .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toSet());
            for (JsonNode panel : dashboard.path("panels")) {
                assertTrue(panel.path("targets").size() > 0, panel.path("title").asText());
                for (JsonNode target : panel.path("targets")) {
                    Matcher named = metric.matcher(target.path("expr").asText());
                    assertTrue(named.find(), panel.path("title").asText() + " names no Tocsin metric");
                    do {
                        assertTrue(names.contains(named.group()), panel.path("title").asText() + ": "
                                + named.group() + " is exported by no service");
                    } while (named.find());
                }
            }
        });
    }

    @Test
    void aDrillPagesTheRealOnCallMarkedAsADrillAndSaysHowItWent() throws Exception {
        String run = UUID.randomUUID().toString();
        String primary = Http.get(stack.url("escalation-service") + "/api/v1/schedules/checkout-oncall/on-call",
                stack.viewerToken).json().path("primary").asText();
        Http.Response started = Http.send("POST", stack.url("alert-ingest") + "/api/v1/drills", stack.adminToken,
                "{\"service\":\"checkout\",\"summary\":\"smoke drill " + run + "\"}");
        assertEquals(202, started.status(), started.body());
        String drill = started.json().path("drillId").asText();

        // The on-call is paged as by a real alert, and the message says it is a drill.
        List<MimeMessage> email = Awaitility.await("the drill's email").atMost(WAIT).until(() -> emailsFor(run),
                found -> found.size() == 1);
        assertEquals(List.of(primary + "@example.com"), recipients(email));
        assertTrue(email.getFirst().getSubject().contains("DRILL: smoke drill " + run), email.getFirst().getSubject());
        String report = stack.url("escalation-service") + "/api/v1/drills/" + drill;
        String pageId = Awaitility.await("the drill's report").atMost(WAIT).until(() -> Http.get(report,
                stack.viewerToken), r -> r.status() == 200).json().path("pageId").asText();

        // The primary acknowledges: the drill reports that the page found someone, and how fast.
        acknowledge(pageId, primary);
        JsonNode done = Awaitility.await("the acknowledged drill").atMost(WAIT).until(() -> Http.get(report,
                stack.viewerToken).json(), r -> r.path("escalationWorked").asBoolean(false));
        assertEquals(primary, done.path("acknowledgedBy").asText(), done.toString());
        assertTrue(done.path("outcome").asText().startsWith("acknowledged by " + primary), done.toString());
        assertSuccess(Http.send("POST", stack.url("escalation-service") + "/api/v1/pages/" + pageId + "/resolve",
                stack.adminToken, "{\"by\":\"" + primary + "\"}"));
        stack.claim(email);
    }

    @Test
    void aMalformedBodyIsRefusedAndNothingReachesKafka() {
        Map<TopicPartition, Long> before = signalEndOffsets();
        Http.Response refused = Http.send("POST", stack.url("alert-ingest") + "/api/v2/alerts", stack.demoKey(),
                "[{\"labels\": {\"service\": \"checkout\"");
        assertEquals(400, refused.status());
        assertTrue(refused.json().path("detail").asText().contains("malformed JSON"), refused.body());
        // The 400 is answered before anything is produced; the log's end is where it was.
        assertEquals(before, signalEndOffsets());
    }

    /**
     * A service of the escalation policy {@code policy} that pages on every critical alert; returns
     * a new integration key of its own. Its PUTs answer 201 on a new database, 200 where PG_URL
     * names one that has the service from an earlier run.
     */
    private static String newService(String id, String name, String policy) {
        return newService(id, name, policy, null);
    }

    /** {@link #newService(String, String, String)} of {@code team} (null: of none). */
    private static String newService(String id, String name, String policy, String team) {
        assertSuccess(Http.send("PUT", stack.url("escalation-service") + "/api/v1/services/" + id, stack.adminToken,
                "{\"name\":\"" + name + "\",\"criticality\":\"CRITICAL\",\"escalationPolicy\":\"" + policy + "\""
                        + (team == null ? "" : ",\"team\":\"" + team + "\"") + "}"));
        assertSuccess(Http.sendOnceKnown("PUT", stack.url("alert-ingest") + "/api/v1/services/" + id, stack.adminToken,
                "{\"name\":\"" + name + "\",\"criticality\":\"USER_FACING\",\"urgencyRules\":"
                        + "[{\"matchers\":[{\"name\":\"severity\",\"op\":\"=\",\"value\":\"critical\"}],"
                        + "\"urgency\":\"PAGE\",\"comment\":\"" + id + " pages on every critical alert\"}]}"));
        Http.Response key = Http.send("POST", stack.url("alert-ingest") + "/api/v1/integration-keys", stack.adminToken,
                "{\"service\":\"" + id + "\",\"name\":\"" + id + "-smoke\"}");
        assertEquals(201, key.status(), key.body());
        return key.json().path("key").asText();
    }

    /** A policy that emails the checkout schedule's primary, then its secondary, five minutes each, once. */
    private static void twoStepPolicy(String id) {
        assertSuccess(Http.send("PUT", stack.url("escalation-service") + "/api/v1/escalation-policies/" + id,
                stack.adminToken, "{\"name\":\"" + id + ": primary, then secondary\",\"repeat\":0,\"steps\":["
                        + "{\"targets\":[{\"type\":\"SCHEDULE_PRIMARY\",\"id\":\"checkout-oncall\"}],\"deadline\":\"PT5M\"},"
                        + "{\"targets\":[{\"type\":\"SCHEDULE_SECONDARY\",\"id\":\"checkout-oncall\"}],\"deadline\":\"PT5M\"}]}"));
    }

    private static void postAlert(String key, String service, String name, String run) {
        Http.Response accepted = Http.send("POST", stack.url("alert-ingest") + "/api/v2/alerts", key,
                "[{\"labels\":{\"alertname\":\"" + name + "\",\"service\":\"" + service + "\",\"severity\":\"critical\","
                        + "\"run\":\"" + run + "\"},\"annotations\":{\"summary\":\"" + name + " " + run + "\"}}]");
        assertEquals(202, accepted.status(), accepted.body());
    }

    /** The ids of the open pages of {@code service}. */
    private static List<String> openPages(String service) {
        JsonNode open = Http.get(stack.url("escalation-service") + "/api/v1/pages?status=OPEN", stack.viewerToken).json();
        return StreamSupport.stream(open.spliterator(), false)
                .filter(p -> p.path("service").asText().equals(service)).map(p -> p.path("id").asText()).toList();
    }

    /** The one open page, which must be {@code service}'s: another test's would escalate too when the clock moves. */
    private static String onlyOpenPage(String service) {
        return Awaitility.await("one open page, this test's").atMost(WAIT).until(
                () -> Http.get(stack.url("escalation-service") + "/api/v1/pages?status=OPEN", stack.viewerToken).json(),
                pages -> pages.size() == 1 && pages.get(0).path("service").asText().equals(service))
                .get(0).path("id").asText();
    }

    private static List<String> timelineKinds(String pageId) {
        JsonNode timeline = Http.get(stack.url("incident-service") + "/api/v1/pages/" + pageId + "/timeline",
                stack.viewerToken).json();
        return StreamSupport.stream(timeline.path("entries").spliterator(), false)
                .map(e -> e.path("kind").asText()).toList();
    }

    private static void acknowledge(String pageId, String by) {
        Http.Response ack = Http.send("POST", stack.url("escalation-service") + "/api/v1/pages/" + pageId + "/acknowledge",
                stack.adminToken, "{\"by\":\"" + by + "\"}");
        assertEquals(200, ack.status(), ack.body());
    }

    private static List<String> recipients(List<MimeMessage> messages) throws MessagingException {
        List<String> recipients = new ArrayList<>();
        for (MimeMessage message : messages) {
            recipients.add(message.getAllRecipients()[0].toString());
        }
        return recipients;
    }

    private static String demoAlert(String run) throws IOException {
        String alert = Files.readString(Path.of(System.getProperty("tocsin.root", "..")).resolve("demo/alert.json"));
        return alert.replace("\"service\": \"checkout\"", "\"service\": \"checkout\", \"run\": \"" + run + "\"");
    }

    private static JsonNode alertOf(String run) {
        String url = stack.url("alert-ingest") + "/api/v1/alerts?service=checkout";
        for (JsonNode alert : Http.get(url, stack.viewerToken).json()) {
            if (run.equals(alert.path("labels").path("run").asText())) {
                return alert;
            }
        }
        return null;
    }

    /**
     * A test's page emails: those naming its run, not the notices of an incident declared for its
     * pages or joined by them.
     */
    private static List<MimeMessage> emailsFor(String run) {
        return emails(message -> GreenMailUtil.getBody(message).contains(run) && !isIncidentNotice(message));
    }

    private static List<MimeMessage> incidentNotices() {
        return emails(EndToEndIT::isIncidentNotice);
    }

    private static boolean isIncidentNotice(MimeMessage message) throws MessagingException {
        return message.getSubject().contains("Incident declared:") || message.getSubject().contains(" joined incident ");
    }

    private static List<MimeMessage> stormEmails() {
        return emails(message -> message.getSubject().matches(".*\\d+ alerts? firing on storefront.*"));
    }

    /** A test of a received message, which may fail to read it. */
    private interface MessageTest {
        boolean test(MimeMessage message) throws MessagingException;
    }

    private static List<MimeMessage> emails(MessageTest test) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : stack.smtp.receivedMessages()) {
            try {
                if (test.test(message)) {
                    found.add(message);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException("cannot read a received message", e);
            }
        }
        return found;
    }

    private static void assertSuccess(Http.Response response) {
        assertTrue(response.status() == 200 || response.status() == 201, response.status() + ": " + response.body());
    }

    private static Map<TopicPartition, Long> signalEndOffsets() {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERT_SIGNALS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
            return consumer.endOffsets(partitions);
        }
    }

}
