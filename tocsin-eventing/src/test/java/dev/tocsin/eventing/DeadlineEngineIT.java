package dev.tocsin.eventing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.testing.TocsinTestResource;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The deadline engine against a real PostgreSQL: claims under leases, a lease that runs out,
 * re-arming (and arming if absent) while a deadline fires, and a provider that does not answer.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class DeadlineEngineIT {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @Inject
    DeadlineEngine engine;
    @Inject
    Deadlines deadlines;
    @Inject
    CountingModule counting;
    @Inject
    GatedModule gated;
    @Inject
    TestClock clock;
    @Inject
    EventingConfig config;
    @Inject
    OutboxRelay relay;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    MeterRegistry registry;

    @Test
    void twoEnginesNeverFireOneDeadlineTwice() throws Throwable {
        // A second engine on the same database is what a second replica is to the deadlines table.
        SimpleMeterRegistry otherMeters = new SimpleMeterRegistry();
        DeadlineEngine other = new DeadlineEngine(List.of(counting), clock, config, relay, otherMeters);
        List<String> refs = IntStream.range(0, 400).mapToObj(i -> UUID.randomUUID().toString()).toList();
        double firedHereBefore = fired(registry, CountingModule.KIND);
        other.start();
        try {
            arm(CountingModule.KIND, refs, clock.instant());
            other.wake();
            await("all 400 deadlines to fire").atMost(BOUND)
                    .until(() -> remaining(CountingModule.KIND, refs) == 0);
            // Each one fired exactly once, by one of the two engines, and both engines took part.
            refs.forEach(ref -> assertEquals(1, counting.fired(ref), "firings of " + ref));
            double firedHere = fired(registry, CountingModule.KIND) - firedHereBefore;
            double firedThere = fired(otherMeters, CountingModule.KIND);
            assertEquals(400, firedHere + firedThere);
            assertTrue(firedHere > 0 && firedThere > 0, "both engines fired: " + firedHere + " and " + firedThere);
        } finally {
            other.stop();
        }
    }

    @Test
    void aClaimLeasesNoMoreDeadlinesThanItAsksFor() throws Throwable {
        // A kind no module fires, so only this claim touches its rows.
        String kind = "test.claimed-directly";
        List<String> refs = IntStream.range(0, 300).mapToObj(i -> UUID.randomUUID().toString()).toList();
        arm(kind, refs, clock.instant());
        Instant now = clock.instant();
        // More rounds than PostgreSQL plans a prepared statement for before it caches a generic plan.
        for (int round = 1; round <= 10; round++) {
            DeadlineLeases.Claim claim = VertxContextSupport.subscribeAndAwait(() ->
                    DeadlineLeases.claim(kind, 7, now, now.plus(config.engine().lease())));
            assertEquals(7, claim.claimed().size(), "deadlines claim " + round + " returned");
            assertEquals(7 * round, leased(kind), "deadlines leased after claim " + round);
        }
    }

    @Test
    void concurrentClaimsBesideRecordingTransactionsLeaseAtMostTheirLimitAndEachDeadlineOnce() throws Throwable {
        // Under load a claim once leased more than its limit while other workers' recording
        // transactions locked and removed rows (docs/benchmarks.md): four claimers of 7 race them here.
        String kind = "test.claimed-concurrently";
        List<String> refs = IntStream.range(0, 600).mapToObj(i -> UUID.randomUUID().toString()).toList();
        arm(kind, refs, clock.instant());
        Instant now = clock.instant();
        Map<String, Integer> claims = new ConcurrentHashMap<>();
        AtomicInteger largest = new AtomicInteger();
        List<Future<?>> recorded = new CopyOnWriteArrayList<>();
        ExecutorService recorders = Executors.newFixedThreadPool(4);
        ExecutorService claimers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = IntStream.range(0, 4).<Future<?>>mapToObj(i -> claimers.submit(() -> {
                while (claims.size() < refs.size() && !Thread.currentThread().isInterrupted()) {
                    DeadlineLeases.Claim claim = awaited(() ->
                            DeadlineLeases.claim(kind, 7, now, now.plus(config.engine().lease())));
                    largest.accumulateAndGet(claim.claimed().size(), Math::max);
                    for (DeadlineLeases.Claimed claimed : claim.claimed()) {
                        claims.merge(claimed.deadline().ref(), 1, Integer::sum);
                        // Recorded as a worker records: lock the row while the lease holds, then remove it.
                        recorded.add(recorders.submit(() -> awaited(() -> AfterCommit.transaction(
                                () -> DeadlineLeases.hold(claimed).chain(() -> DeadlineLeases.delete(claimed))))));
                    }
                }
            })).toList();
            for (Future<?> claimer : running) {
                claimer.get(BOUND.toSeconds(), TimeUnit.SECONDS);
            }
            for (Future<?> record : recorded) {
                record.get(BOUND.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            claimers.shutdownNow();
            recorders.shutdownNow();
        }
        assertEquals(0, remaining(kind, refs), "deadlines left after every claimed one was recorded");
        assertTrue(largest.get() <= 7, "a claim of 7 leased " + largest.get());
        assertEquals(Set.copyOf(refs), claims.keySet());
        claims.forEach((ref, times) -> assertEquals(1, times, "claims of " + ref));
    }

    @Test
    void anExpiredLeaseMakesTheDeadlineDueAgainAndItFiresOnceMore() throws Throwable {
        String ref = UUID.randomUUID().toString();
        CompletableFuture<Void> provider = gated.hold(ref);
        double lostBefore = leasesLost();
        arm(GatedModule.KIND, List.of(ref), clock.instant());
        await("the first firing to start").atMost(BOUND).until(() -> gated.fired(ref) == 1);

        // The first worker hangs past its lease, as a process that died would: the row is due again.
        clock.advance(config.engine().lease().plusSeconds(1));
        engine.wake();
        await("the deadline to fire again and be recorded").atMost(BOUND)
                .until(() -> gated.fired(ref) == 2 && remaining(GatedModule.KIND, List.of(ref)) == 0);

        // The stale worker answers at last: its lease is gone, so it records nothing.
        provider.complete(null);
        await("the stale worker to find its lease lost").atMost(BOUND).until(() -> leasesLost() == lostBefore + 1);
        assertEquals(2, gated.fired(ref));
        assertEquals(0, remaining(GatedModule.KIND, List.of(ref)), "nothing left that could fire a third time");
    }

    @Test
    void aDeadlineReArmedWhileFiringIsNotRemovedByTheStaleWorker() throws Throwable {
        String ref = UUID.randomUUID().toString();
        CompletableFuture<Void> provider = gated.hold(ref);
        double lostBefore = leasesLost();
        arm(GatedModule.KIND, List.of(ref), clock.instant());
        await("the firing to start").atMost(BOUND).until(() -> gated.fired(ref) == 1);

        Instant later = clock.instant().plus(Duration.ofHours(1));
        arm(GatedModule.KIND, List.of(ref), later);
        provider.complete(null);

        await("the worker to find its lease lost").atMost(BOUND).until(() -> leasesLost() == lostBefore + 1);
        assertEquals(Optional.of(later), dueAt(GatedModule.KIND, ref), "the re-armed deadline is kept as armed");
        assertEquals(1, gated.fired(ref));
    }

    @Test
    void armingIfAbsentNeitherMovesAnArmedDeadlineNorTakesItFromItsWorker() throws Throwable {
        String ref = UUID.randomUUID().toString();
        CompletableFuture<Void> provider = gated.hold(ref);
        double lostBefore = leasesLost();
        Instant due = clock.instant();
        armIfAbsent(GatedModule.KIND, ref, due);
        await("the firing to start").atMost(BOUND).until(() -> gated.fired(ref) == 1);

        armIfAbsent(GatedModule.KIND, ref, due.plus(Duration.ofHours(1)));
        assertEquals(Optional.of(due), dueAt(GatedModule.KIND, ref), "the armed deadline is not moved");
        provider.complete(null);
        await("the worker to record and remove it").atMost(BOUND)
                .until(() -> remaining(GatedModule.KIND, List.of(ref)) == 0);
        assertEquals(lostBefore, leasesLost(), "the worker kept its lease");

        Instant again = clock.instant().plus(Duration.ofHours(1));
        armIfAbsent(GatedModule.KIND, ref, again);
        assertEquals(Optional.of(again), dueAt(GatedModule.KIND, ref), "once gone, it is armed anew");
    }

    @Test
    void aProviderThatDoesNotAnswerHoldsUpNoOtherDeadline() throws Throwable {
        String slow = UUID.randomUUID().toString();
        String sameModule = UUID.randomUUID().toString();
        String otherModule = UUID.randomUUID().toString();
        CompletableFuture<Void> provider = gated.hold(slow);
        arm(GatedModule.KIND, List.of(slow), clock.instant());
        await("the slow firing to start").atMost(BOUND).until(() -> gated.fired(slow) == 1);

        arm(GatedModule.KIND, List.of(sameModule), clock.instant());
        arm(CountingModule.KIND, List.of(otherModule), clock.instant());
        await("deadlines of the same and of another module to fire meanwhile").atMost(BOUND)
                .until(() -> remaining(GatedModule.KIND, List.of(sameModule)) == 0
                        && remaining(CountingModule.KIND, List.of(otherModule)) == 0);
        assertFalse(provider.isDone());
        assertEquals(1, remaining(GatedModule.KIND, List.of(slow)), "the slow deadline is still leased, not lost");

        provider.complete(null);
        await("the slow deadline to be recorded once it answers").atMost(BOUND)
                .until(() -> remaining(GatedModule.KIND, List.of(slow)) == 0);
        assertEquals(1, gated.fired(slow));
    }

    /** Arms deadlines in one transaction, as a service does; its commit wakes the engine for those due. */
    private void arm(String kind, List<String> refs, Instant due) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> AfterCommit.transaction(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String ref : refs) {
                chain = chain.chain(() -> deadlines.arm(kind, ref, due, "{}"));
            }
            return chain;
        }));
    }

    /** A reactive call awaited on a thread of the test's own pools, whose tasks cannot throw a Throwable. */
    private static <T> T awaited(Supplier<Uni<T>> call) {
        try {
            return VertxContextSupport.subscribeAndAwait(call);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private void armIfAbsent(String kind, String ref, Instant due) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> AfterCommit.transaction(() ->
                deadlines.armIfAbsent(kind, ref, due, "{}")));
    }

    private int remaining(String kind, List<String> refs) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "select count(*) from deadlines where kind = ? and ref = any(?)")) {
            select.setString(1, kind);
            select.setArray(2, c.createArrayOf("text", refs.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private int leased(String kind) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "select count(*) from deadlines where kind = ? and lease_token is not null")) {
            select.setString(1, kind);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private Optional<Instant> dueAt(String kind, String ref) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("select due_at from deadlines where kind = ? and ref = ?")) {
            select.setString(1, kind);
            select.setString(2, ref);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
            }
        }
    }

    private double leasesLost() {
        Counter counter = registry.find("tocsin.engine.leases.lost").tag("module", GatedModule.KIND).counter();
        return counter == null ? 0 : counter.count();
    }

    private static double fired(MeterRegistry meters, String kind) {
        Counter counter = meters.find("tocsin.engine.fired").tag("module", kind).counter();
        return counter == null ? 0 : counter.count();
    }
}
