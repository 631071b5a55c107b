package dev.tocsin.ingest.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.events.alert.Urgency;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.ReleaseAlert;
import dev.tocsin.events.signal.SignalAction;
import dev.tocsin.ingest.alert.AlertDomainEvent;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertOpened;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertReleased;
import dev.tocsin.ingest.alert.AlertRow;
import dev.tocsin.ingest.alert.Classification;
import dev.tocsin.ingest.alert.Decision;
import dev.tocsin.ingest.alert.Disposition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pipeline's decisions on whole batches, without a database: what responders would notice —
 * who is paged, what joins a storm group, what is damped as flapping, what a release publishes.
 */
class BatchDeciderTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    /** The defaults an SRE team gets: 5 pages per 60 s, 3 re-fires per hour, 30 minutes of quiet. */
    private static final DecisionConfig CONFIG = new DecisionConfig() {
        @Override
        public boolean defaultBusinessHours() {
            return true;
        }

        @Override
        public Flapping flapping() {
            return new Flapping() {
                public int refires() {
                    return 3;
                }

                public Duration window() {
                    return Duration.ofHours(1);
                }

                public Duration quiet() {
                    return Duration.ofMinutes(30);
                }
            };
        }

        @Override
        public Storm storm() {
            return new Storm() {
                public int threshold() {
                    return 5;
                }

                public Duration window() {
                    return Duration.ofSeconds(60);
                }

                public Duration groupWait() {
                    return Duration.ofSeconds(5);
                }
            };
        }
    };

    private final List<SignalBatch.Item> items = new ArrayList<>();
    private final Map<String, AlertRow> open = new HashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    private void signal(String key, String service, SignalAction action, Urgency urgency, Instant at) {
        items.add(new SignalBatch.Item(0, items.size(), new AlertSignalReceived(UUID.randomUUID(), key, action, service,
                "summary " + key, urgency.name(), Map.of("alertname", key, "urgency", urgency.name()), Map.of(), at,
                null, null, "test", at)));
    }

    private BatchDecider decide(Instant now) {
        // Classification is the Classifier's own concern; here the alert's label says its urgency.
        DecisionStep.View classify = (candidate, current) -> Decision.publish(new Classification(
                Urgency.valueOf(candidate.labels().get("urgency")), "test"));
        List<BatchDecider.Step> steps = List.of(new BatchDecider.Step(classify, false),
                new BatchDecider.Step(new FlapStep(CONFIG).view(new HashMap<>()), false),
                new BatchDecider.Step(new StormStep(CONFIG).view(new HashMap<>(), new HashMap<>()), false));
        BatchDecider decider = new BatchDecider(steps, open, () -> "a" + ids.incrementAndGet());
        decider.decide(new SignalBatch(items, now, open, Map.of()));
        return decider;
    }

    private static List<Disposition> openings(BatchDecider decider) {
        return decider.changes().values().stream().flatMap(c -> c.events().stream())
                .filter(AlertOpened.class::isInstance).map(e -> ((AlertOpened) e).disposition()).toList();
    }

    @ParameterizedTest(name = "{0} new PAGE alerts of one service within 60 s: {1} page, {2} join the storm")
    @CsvSource({
            // At the threshold nothing is grouped: five alerts are five pages.
            "5, 5, 0",
            // The sixth is the storm: it joins one grouped page instead of paging.
            "6, 5, 1",
            // The change-induced outage of SRE book ch. 13: fifty alerts, five pages and one group.
            "50, 5, 45"})
    void aStormOfPagesOnOneServiceJoinsOneGroup(int alerts, int paged, int grouped) {
        for (int i = 0; i < alerts; i++) {
            signal("k" + i, "checkout", SignalAction.TRIGGER, Urgency.PAGE, T0.plusMillis(i * 100L));
        }
        BatchDecider decider = decide(T0);
        List<Disposition> dispositions = openings(decider);
        assertEquals(paged, dispositions.stream().filter(d -> d == Disposition.PUBLISHED).count());
        assertEquals(grouped, dispositions.stream().filter(d -> d == Disposition.GROUPED).count());
        assertEquals(grouped == 0 ? 0 : 1, decider.memberships().size());
        decider.memberships().values().forEach(m -> assertEquals(grouped, m.joined().size()));
    }

    @Test
    void pagesOfDifferentServicesAndTicketsAreNoStorm() {
        for (int i = 0; i < 4; i++) {
            signal("c" + i, "checkout", SignalAction.TRIGGER, Urgency.PAGE, T0);
            signal("p" + i, "payments", SignalAction.TRIGGER, Urgency.PAGE, T0);
            signal("t" + i, "checkout", SignalAction.TRIGGER, Urgency.TICKET, T0);
        }
        assertTrue(openings(decide(T0)).stream().allMatch(d -> d == Disposition.PUBLISHED));
    }

    @Test
    void pagesSpreadWiderThanTheWindowAreNoStorm() {
        for (int i = 0; i < 8; i++) {
            signal("k" + i, "checkout", SignalAction.TRIGGER, Urgency.PAGE, T0.plusSeconds(15L * i));
        }
        assertTrue(openings(decide(T0)).stream().allMatch(d -> d == Disposition.PUBLISHED));
    }

    @Test
    void anAlertThatKeepsReFiringIsDampedAsFlapping() {
        for (int i = 0; i < 5; i++) {
            signal("flappy", "checkout", SignalAction.TRIGGER, Urgency.PAGE, T0.plusSeconds(120L * i));
            signal("flappy", "checkout", SignalAction.RESOLVE, Urgency.PAGE, T0.plusSeconds(120L * i + 60));
        }
        // The first fire and two re-fires page; the third re-fire within the hour is flapping, and so is the next.
        assertEquals(List.of(Disposition.PUBLISHED, Disposition.PUBLISHED, Disposition.PUBLISHED,
                Disposition.FLAPPING, Disposition.FLAPPING), openings(decide(T0)));
    }

    @Test
    void aFlappingKeyPagesAgainAfterStayingQuiet() {
        for (int i = 0; i < 4; i++) {
            signal("flappy", "checkout", SignalAction.TRIGGER, Urgency.PAGE, T0.plusSeconds(120L * i));
            signal("flappy", "checkout", SignalAction.RESOLVE, Urgency.PAGE, T0.plusSeconds(120L * i + 60));
        }
        signal("flappy", "checkout", SignalAction.TRIGGER, Urgency.PAGE, T0.plusSeconds(480 + 31 * 60));
        List<Disposition> dispositions = openings(decide(T0));
        assertEquals(Disposition.FLAPPING, dispositions.get(3));
        assertEquals(Disposition.PUBLISHED, dispositions.get(4));
    }

    @Test
    void repeatsAndTheResolutionOfAGroupedMemberAreKeptInOrder() {
        for (int i = 0; i < 6; i++) {
            signal("k" + i, "checkout", SignalAction.TRIGGER, Urgency.PAGE, T0);
        }
        signal("k5", "checkout", SignalAction.TRIGGER, Urgency.PAGE, T0.plusSeconds(1));
        signal("k5", "checkout", SignalAction.RESOLVE, Urgency.PAGE, T0.plusSeconds(2));
        BatchDecider decider = decide(T0);
        BatchDecider.Change member = decider.changes().get("a6");
        assertEquals(List.of("AlertOpened", "AlertRepeated", "AlertClosed"),
                member.events().stream().map(e -> e.getClass().getSimpleName()).toList());
        BatchDecider.Membership group = decider.memberships().values().iterator().next();
        assertEquals(List.of("a6"), group.joined());
        assertEquals(List.of("a6"), group.resolved());
    }

    @Test
    void aDueReleasePublishesTheHeldAlertAndAStaleOneChangesNothing() {
        signal("held", "checkout", SignalAction.TRIGGER, Urgency.TICKET, T0);
        BatchDecider first = decide(T0);
        AlertRow held = first.changes().get("a1").after();
        AlertRow heldRow = new AlertRow(held.id(), held.dedupKey(), held.service(), held.status(), held.summary(),
                held.severity(), held.urgency(), held.reason(), held.labels(), held.annotations(), held.source(),
                held.count(), held.version(), held.firstSeen(), held.lastSeen(), held.resolvedAt(), held.startsAt(),
                held.generatorUrl(), held.details(), held.links(), held.images(), Disposition.HELD, "held",
                null, T0.plusSeconds(3600), null, null, null);
        items.clear();
        open.put("held", heldRow);
        items.add(new SignalBatch.Item(0, 0, new ReleaseAlert("held", "a1", "business hours began", T0)));
        items.add(new SignalBatch.Item(0, 1, new ReleaseAlert("held", "an-older-alert", "stale", T0)));
        List<AlertDomainEvent> events = decide(T0.plusSeconds(3600)).changes().get("a1").events();
        assertEquals(1, events.size());
        assertEquals(Disposition.PUBLISHED, ((AlertReleased) events.get(0)).disposition());
    }

}
