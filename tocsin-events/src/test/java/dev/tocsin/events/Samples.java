package dev.tocsin.events;

import dev.tocsin.events.alert.AlertGroupUpdated;
import dev.tocsin.events.alert.AlertResolved;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.alert.Image;
import dev.tocsin.events.alert.Link;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.events.change.ChangeReceived;
import dev.tocsin.events.incident.IncidentDeclared;
import dev.tocsin.events.incident.IncidentPageJoined;
import dev.tocsin.events.incident.IncidentRolesChanged;
import dev.tocsin.events.incident.IncidentStatusChanged;
import dev.tocsin.events.delivery.Channel;
import dev.tocsin.events.delivery.DeliveryDelivered;
import dev.tocsin.events.delivery.DeliveryFailed;
import dev.tocsin.events.delivery.DeliveryQueued;
import dev.tocsin.events.delivery.DeliverySent;
import dev.tocsin.events.directory.BusinessHours;
import dev.tocsin.events.directory.MembershipRemoved;
import dev.tocsin.events.directory.MembershipSaved;
import dev.tocsin.events.directory.PersonDeleted;
import dev.tocsin.events.directory.PersonSaved;
import dev.tocsin.events.directory.ServiceDeleted;
import dev.tocsin.events.directory.ServiceSaved;
import dev.tocsin.events.directory.TeamDeleted;
import dev.tocsin.events.directory.TeamRole;
import dev.tocsin.events.directory.TeamSaved;
import dev.tocsin.events.directory.TokenIssued;
import dev.tocsin.events.directory.TokenRevoked;
import dev.tocsin.events.directory.TokenSubject;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.events.page.AcknowledgePage;
import dev.tocsin.events.page.PageAcknowledged;
import dev.tocsin.events.page.PageAcknowledgementExpired;
import dev.tocsin.events.page.PageEscalated;
import dev.tocsin.events.page.PageExhausted;
import dev.tocsin.events.page.PageOpened;
import dev.tocsin.events.page.EscalatePage;
import dev.tocsin.events.page.PageReassigned;
import dev.tocsin.events.page.PageRenotified;
import dev.tocsin.events.page.PageResolved;
import dev.tocsin.events.page.PageSnoozed;
import dev.tocsin.events.page.ReassignPage;
import dev.tocsin.events.page.ResolvePage;
import dev.tocsin.events.page.SnoozePage;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.ReleaseAlert;
import dev.tocsin.events.signal.SignalAction;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One fully populated instance of every registered event, matching its golden fixture. */
final class Samples {
    private static final Instant T0 = Instant.parse("2026-03-29T00:59:30Z");
    private static final String INCIDENT = "3c1f0a52-7d4e-4d0b-9a57-2f1b8c6e4a10";
    private static final Map<String, String> LABELS =
            Map.of("alertname", "HighErrorRate", "service", "checkout", "severity", "critical");
    private static final Map<String, Object> DETAILS = Map.of("error_rate", 0.12, "region", "eu-west-1");
    private static final List<Link> LINKS = List.of(new Link("https://runbooks.example/checkout", "Runbook"));
    private static final List<Image> IMAGES =
            List.of(new Image("https://grafana.example/render/checkout.png", "https://grafana.example/d/checkout", null));

    static IntegrationEvent of(Class<?> type) {
        if (type == AlertSignalReceived.class) {
            return new AlertSignalReceived(UUID.fromString("5f0c6a8e-1d2b-4c3a-9e8f-7a6b5c4d3e2f"), "a1b2c3d4e5f60718",
                    SignalAction.TRIGGER, "checkout", "Checkout error rate 12%", "critical", LABELS,
                    Map.of("summary", "Checkout error rate 12%"), T0, null, "http://prometheus:9090/graph?g0.expr=x",
                    "alertmanager-v2", T0.plusSeconds(1), DETAILS, LINKS, IMAGES, "key-1");
        }
        if (type == ReleaseAlert.class) {
            return new ReleaseAlert("a1b2c3d4e5f60718", "alt-1", "business hours began", T0.plusSeconds(28_800));
        }
        if (type == AlertTriggered.class) {
            return new AlertTriggered("alt-1", "a1b2c3d4e5f60718", "checkout", "Checkout error rate 12%", "critical",
                    Urgency.PAGE, "paged: severity critical", LABELS, Map.of("summary", "Checkout error rate 12%"), T0,
                    "http://prometheus:9090/graph?g0.expr=x", "alertmanager-v2", T0.plusSeconds(1), DETAILS, LINKS,
                    IMAGES, "availability");
        }
        if (type == AlertGroupUpdated.class) {
            return new AlertGroupUpdated("alt-9", "checkout", "12 alerts firing on checkout", 12, 11,
                    T0.plusSeconds(40));
        }
        if (type == AcknowledgePage.class) {
            return new AcknowledgePage("alt-1", null, "pagerduty:web-ui", "pagerduty-events-v2", T0.plusSeconds(90));
        }
        if (type == IncidentDeclared.class) {
            return new IncidentDeclared(INCIDENT, "Checkout errors in eu-west", "SEV2", List.of("checkout", "payments"),
                    List.of("0b6f7c1e-2a44-4f0e-8f4c-1d2e3f4a5b6c"), "another team is needed: pages for checkout "
                    + "(team storefront) and payments (team payments) within 10 minutes", "alice", "alice",
                    Instant.parse("2026-12-07T10:00:00Z"));
        }
        if (type == IncidentPageJoined.class) {
            return new IncidentPageJoined(INCIDENT, "5d2a9e4b-8c1f-4b3a-9e7d-6f0a1b2c3d4e", "payments",
                    Instant.parse("2026-12-07T10:05:00Z"));
        }
        if (type == IncidentRolesChanged.class) {
            Map<String, String> roles = new LinkedHashMap<>();
            roles.put("commander", "carol");
            roles.put("operations", "bob");
            return new IncidentRolesChanged(INCIDENT, roles, "carol", Instant.parse("2026-12-07T10:20:00Z"));
        }
        if (type == IncidentStatusChanged.class) {
            return new IncidentStatusChanged(INCIDENT, "active", "mitigated", "carol",
                    Instant.parse("2026-12-07T10:40:00Z"));
        }
        if (type == ChangeReceived.class) {
            return new ChangeReceived("chg-1", "checkout", "Deploy checkout v2.14.0", "ci.example.com",
                    T0.minusSeconds(300), Map.of("build", "1234"), LINKS, "pagerduty-change-v2", T0.minusSeconds(299));
        }
        if (type == AlertResolved.class) {
            return new AlertResolved("alt-1", "a1b2c3d4e5f60718", "checkout", T0.plusSeconds(600));
        }
        if (type == PageOpened.class) {
            return new PageOpened("pg-1", "alt-1", "checkout", "checkout-policy", "Checkout error rate 12%",
                    T0.plusSeconds(2), "SERVICE", "availability", List.of("alice"));
        }
        if (type == PageEscalated.class) {
            return new PageEscalated("pg-1", "alt-1", 2, 1, List.of("bob"), T0.plusSeconds(302), "person:alice", "api");
        }
        if (type == PageAcknowledged.class) {
            return new PageAcknowledged("pg-1", "alt-1", "pagerduty:web-ui", "pagerduty-events-v2", T0.plusSeconds(90));
        }
        if (type == PageExhausted.class) {
            return new PageExhausted("pg-1", "alt-1", T0.plusSeconds(1802));
        }
        if (type == PageResolved.class) {
            return new PageResolved("pg-1", "alt-1", T0.plusSeconds(601), "person:alice", "api");
        }
        if (type == PageSnoozed.class) {
            return new PageSnoozed("pg-1", "alt-1", T0.plusSeconds(3690), "alice", "api", T0.plusSeconds(90));
        }
        if (type == PageRenotified.class) {
            return new PageRenotified("pg-1", "alt-1", 1, 1, List.of("alice"), T0.plusSeconds(3690));
        }
        if (type == PageAcknowledgementExpired.class) {
            return new PageAcknowledgementExpired("pg-1", "alt-1", 1, 1, List.of("alice"), T0.plusSeconds(14490));
        }
        if (type == PageReassigned.class) {
            return new PageReassigned("pg-1", "alt-1", "checkout-policy", "carol", 1, 1, List.of("carol"), "alice",
                    "api", T0.plusSeconds(120));
        }
        if (type == ResolvePage.class) {
            return new ResolvePage("alt-1", "pg-1", "alice", "api", T0.plusSeconds(600));
        }
        if (type == SnoozePage.class) {
            return new SnoozePage("alt-1", null, T0.plusSeconds(3690), "alice", "slack", T0.plusSeconds(90));
        }
        if (type == ReassignPage.class) {
            return new ReassignPage("alt-1", "pg-1", null, "payments-policy", "alice", "api", T0.plusSeconds(120));
        }
        if (type == EscalatePage.class) {
            return new EscalatePage("alt-1", "pg-1", "alice", "api", T0.plusSeconds(60));
        }
        if (type == NotifyRequested.class) {
            return new NotifyRequested("pg-1/1/alice", "pg-1", "alt-1", "alice", 1, "checkout",
                    "Checkout error rate 12%", "critical", LABELS, T0.plusSeconds(2), null,
                    "paged: checkout availability burning 14.4× over 1h ≥ 14.4");
        }
        if (type == DeliverySent.class) {
            return new DeliverySent("dl-1", "pg-1/1/alice", "pg-1", "alice", Channel.EMAIL, "alice@example.com", 1,
                    T0.plusSeconds(3));
        }
        if (type == DeliveryQueued.class) {
            return new DeliveryQueued("dl-2", "pg-1/1/alice", "pg-1", "alice", Channel.SMS, T0.plusSeconds(62),
                    T0.plusSeconds(2));
        }
        if (type == DeliveryDelivered.class) {
            return new DeliveryDelivered("dl-2", "pg-1/1/alice", "pg-1", "alice", Channel.SMS, T0.plusSeconds(65));
        }
        if (type == DeliveryFailed.class) {
            return new DeliveryFailed("dl-1", "pg-1/1/alice", "pg-1", "alice", Channel.EMAIL, 1,
                    "421 service not available", T0.plusSeconds(13), T0.plusSeconds(3));
        }
        if (type == TeamSaved.class) {
            return new TeamSaved("payments", "Payments", "Europe/Berlin", new BusinessHours(List.of(DayOfWeek.MONDAY,
                    DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 30)), "bootstrap:admin", T0);
        }
        if (type == TeamDeleted.class) {
            return new TeamDeleted("payments", "bootstrap:admin", T0.plusSeconds(60));
        }
        if (type == MembershipSaved.class) {
            return new MembershipSaved("payments", "alice", TeamRole.ADMIN, "bootstrap:admin", T0.plusSeconds(1));
        }
        if (type == MembershipRemoved.class) {
            return new MembershipRemoved("payments", "alice", "person:bob", T0.plusSeconds(50));
        }
        if (type == TokenIssued.class) {
            return new TokenIssued("0b7e3c1a-5d2f-4e6a-8b9c-1d2e3f4a5b6c",
                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                    new TokenSubject(TokenSubject.Kind.PERSON, "alice"),
                    Map.of("payments", TeamRole.ADMIN, "search", TeamRole.VIEWER), T0.plusSeconds(7_776_000),
                    "bootstrap:admin", T0.plusSeconds(2));
        }
        if (type == TokenRevoked.class) {
            return new TokenRevoked("0b7e3c1a-5d2f-4e6a-8b9c-1d2e3f4a5b6c", "person:alice", T0.plusSeconds(40));
        }
        if (type == PersonSaved.class) {
            return new PersonSaved("alice", "Alice Example", "Europe/Berlin", "de-DE", "bootstrap:admin", T0);
        }
        if (type == PersonDeleted.class) {
            return new PersonDeleted("alice", "bootstrap:admin", T0.plusSeconds(70));
        }
        if (type == ServiceSaved.class) {
            return new ServiceSaved("checkout", "Checkout", "CRITICAL", "payments", "bootstrap:admin", T0);
        }
        if (type == ServiceDeleted.class) {
            return new ServiceDeleted("checkout", "bootstrap:admin", T0.plusSeconds(80));
        }
        throw new IllegalArgumentException("no sample for " + type.getName() + ": add one with its golden fixture");
    }

    private Samples() {
    }
}
