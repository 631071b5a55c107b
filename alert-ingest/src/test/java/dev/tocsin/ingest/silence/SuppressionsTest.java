package dev.tocsin.ingest.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuppressionsTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final Map<String, String> DISK = Map.of("alertname", "DiskFull", "instance", "db-1");

    private static SuppressionRule silence(String id, Instant start, Instant end, Matcher... matchers) {
        return new SuppressionRule(SuppressionRule.SILENCE, id, null, List.of(matchers), start, end, "alice",
                "db migration", start);
    }

    private static SuppressionRule maintenance(String id, String service, Instant start, Instant end) {
        return new SuppressionRule(SuppressionRule.MAINTENANCE, id, service, null, start, end, "bob",
                "quarterly failover", start);
    }

    private static Matcher eq(String name, String value) {
        return new Matcher(name, Matcher.Op.EQ, value);
    }

    @Test
    void aSilenceMutesFromItsStartUntilJustBeforeItsEnd() {
        Suppressions s = new Suppressions(List.of(silence("s1", T0, T0.plusSeconds(3600), eq("alertname", "DiskFull"))));
        // [startsAt, endsAt): the start instant is muted, the end instant is not.
        assertTrue(s.find("checkout", DISK, T0.minusMillis(1)).isEmpty());
        assertTrue(s.find("checkout", DISK, T0).isPresent());
        assertTrue(s.find("checkout", DISK, T0.plusSeconds(3599)).isPresent());
        assertTrue(s.find("checkout", DISK, T0.plusSeconds(3600)).isEmpty());
    }

    @Test
    void aSilenceMutesOnlyAlertsAllItsMatchersMatch() {
        Suppressions s = new Suppressions(List.of(
                silence("s1", T0, T0.plusSeconds(3600), eq("alertname", "DiskFull"), eq("instance", "db-2"))));
        assertTrue(s.find("checkout", DISK, T0).isEmpty());
    }

    @Test
    void aSilenceSeesTheSignalsServiceAsALabel() {
        // The service travels beside the labels; silences are commonly written against it.
        Suppressions s = new Suppressions(List.of(silence("s1", T0, T0.plusSeconds(60),
                new Matcher("service", Matcher.Op.RE, "check.*"))));
        assertTrue(s.find("checkout", DISK, T0).isPresent());
        assertTrue(s.find("payments", DISK, T0).isEmpty());
    }

    @Test
    void aMaintenanceWindowMutesEveryAlertOfItsServiceOnly() {
        Suppressions s = new Suppressions(List.of(maintenance("m1", "checkout", T0, T0.plusSeconds(600))));
        assertEquals("maintenance", s.find("checkout", Map.of(), T0).orElseThrow().kind());
        assertTrue(s.find("checkout", Map.of("alertname", "Anything"), T0.plusSeconds(599)).isPresent());
        assertTrue(s.find("payments", DISK, T0).isEmpty());
        assertTrue(s.find("checkout", DISK, T0.plusSeconds(600)).isEmpty());
    }

    @Test
    void theSuppressionThatEndsLastWinsBecauseItDecidesWhenTheAlertIsReleased() {
        Suppressions s = new Suppressions(List.of(
                silence("short", T0, T0.plusSeconds(600), eq("alertname", "DiskFull")),
                maintenance("long", "checkout", T0, T0.plusSeconds(7200)),
                silence("middle", T0, T0.plusSeconds(3600), eq("instance", "db-1"))));
        Suppression found = s.find("checkout", DISK, T0.plusSeconds(60)).orElseThrow();
        assertEquals("long", found.id());
        assertEquals(T0.plusSeconds(7200), found.endsAt());
        // Once the longest one is not in force (another service), the next to end last wins.
        assertEquals("middle", s.find("payments", DISK, T0.plusSeconds(60)).orElseThrow().id());
    }

    @Test
    void aPendingSilenceMutesNothingYet() {
        Suppressions s = new Suppressions(List.of(silence("s1", T0.plusSeconds(60), T0.plusSeconds(120),
                eq("alertname", "DiskFull"))));
        assertTrue(s.find("checkout", DISK, T0).isEmpty());
    }

    @Test
    void theReasonNamesTheRuleItsAuthorAndItsEnd() {
        Suppressions s = new Suppressions(List.of(
                silence("3f2a9c1e-0000-4000-8000-000000000000", T0, Instant.parse("2026-11-26T12:00:00Z"),
                        eq("alertname", "DiskFull")),
                maintenance("7c1d5b2a-0000-4000-8000-000000000000", "checkout", T0, T0.plusSeconds(60))));
        assertEquals(Optional.of("silenced by silence 3f2a9c1e (\"db migration\", by alice) until 2026-11-26T12:00:00Z"),
                s.find("payments", DISK, T0).map(Suppression::reason));
        assertEquals("suppressed: checkout is in maintenance window 7c1d5b2a (\"quarterly failover\", by bob)"
                + " until 2026-11-26T10:01:00Z",
                new Suppressions(List.of(maintenance("7c1d5b2a-0000-4000-8000-000000000000", "checkout", T0,
                        T0.plusSeconds(60)))).find("checkout", DISK, T0).orElseThrow().reason());
    }

    @Test
    void nothingMutesWhenThereAreNoRules() {
        assertTrue(Suppressions.none().find("checkout", DISK, T0).isEmpty());
    }
}
