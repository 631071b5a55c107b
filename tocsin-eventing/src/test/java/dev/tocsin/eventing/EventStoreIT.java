package dev.tocsin.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.eventing.deadletter.Failures;
import dev.tocsin.testing.TocsinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Given two writers that loaded an aggregate at the same version, when both append, then one
 * wins, the other's append fails as a transient conflict, and its retry from a fresh load
 * appends after the winner's events. And a replay hands over every event of a type, aggregate
 * by aggregate, across as many cursor fetches as it takes.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class EventStoreIT {

    /** A test aggregate's events. */
    sealed interface Tally permits Tally.Counted {
        record Counted(String by, int seen) implements Tally {
        }
    }

    private static final StoredEvents<Tally> TALLY = StoredEvents.of("Tally", Tally.class);

    @Inject
    EventStore store;

    @Test
    void ofTwoWritersThatLoadedTheSameVersionOneWinsAndTheOtherRetriesFromAFreshLoad() throws Throwable {
        String id = "tally-" + UUID.randomUUID();
        AtomicBoolean rivalWrote = new AtomicBoolean();
        List<String> failures = new ArrayList<>();
        List<Integer> loadedVersions = new ArrayList<>();

        VertxContextSupport.subscribeAndAwait(() -> Uni.createFrom().deferred(() -> AfterCommit.transaction(() -> store
                        .load(TALLY, id).chain(events -> {
                            loadedVersions.add(events.size());
                            // The rival, another replica, loaded the same version and commits first.
                            Uni<Void> rivalFirst = rivalWrote.getAndSet(true) ? Uni.createFrom().voidItem()
                                    : rival(id, events.size());
                            return rivalFirst.chain(() -> store.append(TALLY, id, events.size(),
                                    List.of(new Tally.Counted("second", events.size()))));
                        })))
                .onFailure().invoke(e -> failures.add(Failures.classify(e).name()))
                .onFailure(e -> Failures.classify(e) == Failures.Kind.TRANSIENT).retry().atMost(3));

        // The loser saw version 0, lost, and appended after a fresh load at version 1.
        assertEquals(List.of(0, 1), loadedVersions);
        assertEquals(List.of("TRANSIENT"), failures);
        List<Tally> stored = VertxContextSupport.subscribeAndAwait(() -> store.load(TALLY, id));
        assertEquals(List.of(new Tally.Counted("rival", 0), new Tally.Counted("second", 1)), stored);
    }

    @Test
    void aReplayStreamsEveryEventAggregateByAggregateInOrderAcrossCursorFetches() throws Throwable {
        // More events than one fetch of the cursor holds, so the replay must read on.
        StoredEvents<Tally> type = StoredEvents.of("Replayed-" + UUID.randomUUID(), Tally.class);
        List<EventStore.Append<Tally>> appends = new ArrayList<>();
        for (int aggregate = 0; aggregate < 3; aggregate++) {
            List<Tally> events = new ArrayList<>();
            for (int seen = 0; seen < 700; seen++) {
                events.add(new Tally.Counted("a" + aggregate, seen));
            }
            appends.add(new EventStore.Append<>("a" + aggregate, 0, events));
        }
        VertxContextSupport.subscribeAndAwait(() -> Sql.transaction(c -> store.append(c, type, appends)));

        List<String> replayed = VertxContextSupport.subscribeAndAwait(() -> Sql.transaction(c -> store
                .replay(c, type).map(e -> e.aggregateId() + " " + e.event()).collect().asList()));

        List<String> expected = new ArrayList<>();
        appends.forEach(a -> a.events().forEach(e -> expected.add(a.aggregateId() + " " + e)));
        assertEquals(expected, replayed);
    }

    /** Commits the rival's append on a connection and in a transaction of its own, as another replica would. */
    private Uni<Void> rival(String id, int version) {
        return Sql.transaction(c -> store.append(c, TALLY, List.of(new EventStore.Append<>(id, version,
                List.of(new Tally.Counted("rival", version))))));
    }
}
