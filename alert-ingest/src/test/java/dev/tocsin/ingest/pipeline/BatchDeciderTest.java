package dev.tocsin.ingest.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.eventing.Deadlines;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.alert.AlertGroupUpdated;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.ReleaseAlert;
import dev.tocsin.events.signal.SignalAction;
import dev.tocsin.ingest.alert.AlertDomainEvent;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertOpened;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertReleased;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertRepeated;
import dev.tocsin.ingest.alert.AlertRow;
import dev.tocsin.ingest.alert.Classification;
import dev.tocsin.ingest.alert.Decision;
import dev.tocsin.ingest.alert.Disposition;
import dev.tocsin.ingest.alert.store.AlertTable.Firing;
import dev.tocsin.ingest.pipeline.Decisions.AlertChange;
import dev.tocsin.ingest.release.Releases;
import dev.tocsin.ingest.service.BusinessHours;
import dev.tocsin.ingest.silence.SuppressionRule;
import dev.tocsin.ingest.silence.Suppressions;
import dev.tocsin.ingest.storm.GroupEvent;
import dev.tocsin.ingest.storm.GroupRow;
import dev.tocsin.ingest.storm.Storm;
import dev.tocsin.ingest.storm.Storm.GroupChange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pipeline's decisions on whole batches, without a database, given/when/then: given what the
 * read phase found and the batch's records, when the batch is decided, then these alert and group
 * events, outbox rows and deadlines — what responders would notice: who is paged, what joins a
 * storm group, what is damped as flapping, what a silence or the business hours hold back.
 */
class BatchDeciderTest {

    /** A Thursday, inside the default business hours. */
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    /** A Saturday, outside them. */
    private static final Instant WEEKEND = Instant.parse("2026-11-28T10:00:00Z");
    private static final BusinessHours WEEKDAYS = new BusinessHours(ZoneId.of("UTC"),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0));

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
                public boolean enabled() {
                    return true;
                }

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

    // Given: what the read phase found, and the batch's records.
    private final List<SignalBatch.Item> items = new ArrayList<>();
    private final Map<String, AlertRow> open = new HashMap<>();
    private final List<SuppressionRule> rules = new ArrayList<>();
    private final Map<String, List<Firing>> firings = new HashMap<>();
    private final Map<String, List<Instant>> pages = new HashMap<>();
    private final Map<String, GroupRow> groups = new HashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, BusinessHours> teamHours = new HashMap<>();
    private DecisionConfig.Storm stormConfig = CONFIG.storm();

    private void signal(String key, String service, SignalAction action, Urgency urgency, Instant at) {
        items.add(new SignalBatch.Item(items.size() % 2, items.size(), new AlertSignalReceived(UUID.randomUUID(),
                key, action, service, "summary " + key, urgency.name(),
                Map.of("alertname", key, "urgency", urgency.name()), Map.of(), at, null, null, "test", at)));
    }

    private void release(String key, String id, String cause) {
        items.add(new SignalBatch.Item(0, items.size(), new ReleaseAlert(key, id, cause, T0)));
    }

    // When: the batch is decided, the steps in the pipeline's order.
    private Decisions decide(Instant now) {
        // Classification is the Classifier's own concern; here the alert's label says its urgency.
        DecisionStep classify = input -> (candidate, current) -> Decision.publish(new Classification(
                Urgency.valueOf(candidate.labels().get("urgency")), "test"));
        Storm storm = new Storm(stormConfig);
        BatchDecider decider = new BatchDecider(List.of(classify, new SuppressStep(), new FlapStep(CONFIG.flapping()),
                storm, new HoldStep(WEEKDAYS, true)), storm);
        return decider.decide(new DecisionInput(new SignalBatch(List.copyOf(items), now, Map.copyOf(open)),
                Map.of(), new Suppressions(rules), firings, pages, groups, () -> "a" + ids.incrementAndGet(),
                teamHours));
    }

    // Then: what was decided.
    private static List<Disposition> openings(Decisions decided) {
        return decided.alerts().stream().flatMap(c -> c.events().stream())
                .filter(AlertOpened.class::isInstance).map(e -> ((AlertOpened) e).disposition()).toList();
    }

    private static List<String> names(List<?> events) {
        return events.stream().map(e -> e.getClass().getSimpleName()).toList();
    }

    private static AlertChange alert(Decisions decided, String id) {
        return decided.alerts().stream().filter(a -> a.after().id().equals(id)).findFirst().orElseThrow();
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
        Decisions decided = decide(T0);
        List<Disposition> dispositions = openings(decided);
        assertEquals(paged, dispositions.stream().filter(d -> d == Disposition.PUBLISHED).count());
        assertEquals(grouped, dispositions.stream().filter(d -> d == Disposition.GROUPED).count());
        // Only the alerts that paged reach the other services; the group waits for its group wait.
        assertEquals(paged, decided.published().size());
        assertEquals(grouped == 0 ? 0 : 1, decided.groups().size());
        for (GroupChange group : decided.groups()) {
            assertEquals(List.of("GroupOpened", "MembersJoined"), names(group.events()));
            assertEquals(grouped, group.after().members());
            assertTrue(group.published().isEmpty());
            // Opened with the sixth alert, at 500 ms; published 5 s later.
            assertEquals(List.of(new Deadlines.Arm(Releases.GROUP, group.after().id(),
                    T0.plusMillis(500).plusSeconds(5), Releases.payload(GroupRow.keyOf("checkout")))),
                    group.deadlines());
        }
    }

    @Test
    void withStormsOffEveryPageAlertPagesOnItsOwn() {
        DecisionConfig.Storm on = CONFIG.storm();
        stormConfig = new DecisionConfig.Storm() {
            public boolean enabled() {
                return false;
            }

            public int threshold() {
                return on.threshold();
            }

            public Duration window() {
                return on.window();
            }

            public Duration groupWait() {
                return on.groupWait();
            }
        };
        for (int i = 0; i < 50; i++) {
            signal("k" + i, "checkout", SignalAction.TRIGGER, Urgency.PAGE, T0.plusMillis(i * 100L));
        }
        Decisions decided = decide(T0);
        assertEquals(Collections.nCopies(50, Disposition.PUBLISHED), openings(decided));
        assertEquals(50, decided.published().size());
        assertTrue(decided.groups().isEmpty());
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
    void pagesOfEarlierBatchesCountTowardsTheStorm() {
        // Five pages of checkout went out in the last minute, in batches before this one.
        pages.put("checkout", List.of(T0.minusSeconds(50), T0.minusSeconds(40), T0.minusSeconds(30),
                T0.minusSeconds(20), T0.minusSeconds(10)));
        signal("k", "checkout", SignalAction.TRIGGER, Urgency.PAGE, T0);
        assertEquals(List.of(Disposition.GROUPED), openings(decide(T0)));
    }

    @Test
    void aStormJoinsTheServicesOpenGroupAndUpdatesItsPage() {
        pages.put("checkout", List.of(T0.minusSeconds(5), T0.minusSeconds(4), T0.minusSeconds(3),
                T0.minusSeconds(2), T0.minusSeconds(1)));
        GroupRow stored = new GroupRow("g1", "checkout", true, "storm", 7, 7, 3, T0.minusSeconds(30),
                T0.minusSeconds(25), "7 alerts firing on checkout", null);
        groups.put("g1", stored);
        signal("k", "checkout", SignalAction.TRIGGER, Urgency.PAGE, T0);
        Decisions decided = decide(T0);
        AlertOpened opened = (AlertOpened) decided.alerts().get(0).events().get(0);
        assertEquals("g1", opened.groupId());
        GroupChange group = decided.groups().get(0);
        assertEquals(List.of("MembersJoined"), names(group.events()));
        assertEquals(4, group.after().version());
        // An existing group has its wait armed already; its page says it grew.
        assertTrue(group.deadlines().isEmpty());
        assertEquals(List.of(new AlertGroupUpdated("g1", "checkout", "8 alerts firing on checkout", 8, 8, T0)),
                group.published());
    }

    @Test
    void aDueGroupReleasePublishesTheGroupOnceWithItsCount() {
        groups.put("g1", new GroupRow("g1", "checkout", true, "storm", 7, 7, 2, T0.minusSeconds(5), null,
                "7 alerts firing on checkout", null));
        release(GroupRow.keyOf("checkout"), "g1", "the storm group's wait passed");
        release(GroupRow.keyOf("checkout"), "g1", "the storm group's wait passed");
        Decisions decided = decide(T0);
        GroupChange group = decided.groups().get(0);
        assertEquals(List.of("GroupPublished"), names(group.events()));
        IntegrationEvent page = decided.published().get(0);
        assertEquals(1, decided.published().size());
        assertEquals("7 alerts firing on checkout", ((AlertTriggered) page).summary());
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
    void reFiresOfEarlierBatchesCountTowardsFlapping() {
        firings.put("flappy", List.of(new Firing(T0.minusSeconds(900), T0.minusSeconds(840), Disposition.PUBLISHED),
                new Firing(T0.minusSeconds(600), T0.minusSeconds(540), Disposition.PUBLISHED),
                new Firing(T0.minusSeconds(300), T0.minusSeconds(240), Disposition.PUBLISHED)));
        signal("flappy", "checkout", SignalAction.TRIGGER, Urgency.PAGE, T0);
        assertEquals(List.of(Disposition.FLAPPING), openings(decide(T0)));
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
    void aMaintenanceWindowHoldsBackAStormBeforeItIsCounted() {
        // Silences come before storms in the list: muted alerts neither page nor join a group.
        rules.add(new SuppressionRule(SuppressionRule.MAINTENANCE, "m1", "checkout", null, T0.minusSeconds(60),
                T0.plusSeconds(3600), "bob", "failover", T0.minusSeconds(60)));
        for (int i = 0; i < 8; i++) {
            signal("k" + i, "checkout", SignalAction.TRIGGER, Urgency.PAGE, T0);
        }
        Decisions decided = decide(T0);
        assertTrue(openings(decided).stream().allMatch(d -> d == Disposition.SUPPRESSED));
        assertTrue(decided.groups().isEmpty());
        assertTrue(decided.published().isEmpty());
    }

    @Test
    void aTicketAtTheWeekendIsHeldAndItsReleaseArmedForMonday() {
        signal("disk", "checkout", SignalAction.TRIGGER, Urgency.TICKET, WEEKEND);
        Decisions decided = decide(WEEKEND);
        assertEquals(List.of(Disposition.HELD), openings(decided));
        assertTrue(decided.published().isEmpty());
        Instant monday = Instant.parse("2026-11-30T09:00:00Z");
        assertEquals(List.of(new Deadlines.Arm(Releases.TICKET, "a1", monday, Releases.payload("disk"))),
                decided.deadlines());
    }

    @Test
    void repeatsAreStoredAsOneEventAndTheRowCountsThemAll() {
        for (int i = 0; i < 4; i++) {
            signal("k", "checkout", SignalAction.TRIGGER, Urgency.PAGE, T0.plusSeconds(i));
        }
        AlertChange change = decide(T0).alerts().get(0);
        assertEquals(List.of("AlertOpened", "AlertRepeated"), names(change.events()));
        assertEquals(3, ((AlertRepeated) change.events().get(1)).repeats());
        assertEquals(4, change.after().count());
        // The version is the number of stored events, so the next batch appends after them.
        assertEquals(2, change.after().version());
        assertEquals(1, change.published().size());
    }

    @Test
    void repeatsAndTheResolutionOfAGroupedMemberAreKeptInOrder() {
        for (int i = 0; i < 6; i++) {
            signal("k" + i, "checkout", SignalAction.TRIGGER, Urgency.PAGE, T0);
        }
        signal("k5", "checkout", SignalAction.TRIGGER, Urgency.PAGE, T0.plusSeconds(1));
        signal("k5", "checkout", SignalAction.RESOLVE, Urgency.PAGE, T0.plusSeconds(2));
        Decisions decided = decide(T0);
        // a1..a5 paged; a6, the sixth alert, opened the storm group a7.
        AlertChange member = alert(decided, "a6");
        assertEquals(List.of("AlertOpened", "AlertRepeated", "AlertClosed"), names(member.events()));
        GroupChange group = decided.groups().get(0);
        assertEquals(List.of("GroupOpened", "MembersJoined", "MembersResolved", "GroupClosed"),
                names(group.events()));
        assertEquals("a7", group.after().id());
        assertEquals(List.of("a6"), ((GroupEvent.MembersJoined) group.events().get(1)).alertIds());
        assertFalse(group.after().open());
        // Never published, so nobody hears that it closed; its member never paged, so neither of it.
        assertTrue(group.published().isEmpty());
        assertTrue(member.published().isEmpty());
    }

    @Test
    void aTicketOfAServiceWithoutHoursOfItsOwnWaitsForItsTeamsHours() {
        // The team works Saturdays in Tokyo: 10:00 UTC Saturday is 19:00 there, after its day ends.
        teamHours.put("checkout", new BusinessHours(ZoneId.of("Asia/Tokyo"), EnumSet.of(DayOfWeek.SATURDAY,
                DayOfWeek.SUNDAY), LocalTime.of(9, 0), LocalTime.of(17, 0)));
        signal("after-hours", "checkout", SignalAction.TRIGGER, Urgency.TICKET, WEEKEND);
        AlertRow held = decide(WEEKEND).alerts().get(0).after();
        assertEquals(Disposition.HELD, held.disposition());
        // Sunday 09:00 in Tokyo, not Monday 09:00 UTC as the default hours would say.
        assertEquals(Instant.parse("2026-11-29T00:00:00Z"), held.heldUntil());

        // Inside the team's hours (Saturday 11:00 in Tokyo) a ticket is published at once, weekend or not.
        items.clear();
        signal("in-hours", "checkout", SignalAction.TRIGGER, Urgency.TICKET, Instant.parse("2026-11-28T02:00:00Z"));
        assertEquals(Disposition.PUBLISHED, decide(Instant.parse("2026-11-28T02:00:00Z")).alerts().get(0).after()
                .disposition());
    }

    @Test
    void aDueReleasePublishesTheHeldAlertAndAStaleOneChangesNothing() {
        signal("held", "checkout", SignalAction.TRIGGER, Urgency.TICKET, WEEKEND);
        AlertRow held = decide(WEEKEND).alerts().get(0).after();
        assertEquals(Disposition.HELD, held.disposition());
        items.clear();
        open.put("held", held);
        release("held", "a1", "business hours began");
        release("held", "an-older-alert", "stale");
        Decisions decided = decide(Instant.parse("2026-11-30T09:00:00Z"));
        List<AlertDomainEvent> events = decided.alerts().get(0).events();
        assertEquals(1, events.size());
        assertEquals(Disposition.PUBLISHED, ((AlertReleased) events.get(0)).disposition());
        assertEquals("a1", ((AlertTriggered) decided.published().get(0)).alertId());
    }

    @Test
    void theBatchAppliesTheLastOffsetOfEachPartition() {
        for (int i = 0; i < 5; i++) {
            signal("k" + i, "checkout", SignalAction.RESOLVE, Urgency.PAGE, T0);
        }
        // Resolves of nothing change no alert, but their records are applied all the same.
        Decisions decided = decide(T0);
        assertTrue(decided.alerts().isEmpty());
        assertEquals(Map.of(0, 4L, 1, 3L), decided.applied());
    }
}
