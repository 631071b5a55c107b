package dev.tocsin.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The callback rules of {@link AfterCommit}, around a stand-in transaction whose "commit" is the
 * step after the work and can be made to fail; the database case is escalation's MetricsAfterCommitIT.
 */
class AfterCommitTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** Commits by appending "commit" to the log; the first {@code failures} commits fail. */
    private static Function<Supplier<Uni<String>>, Uni<String>> committing(List<String> log, int failures) {
        AtomicInteger attempts = new AtomicInteger();
        return work -> work.get().chain(result -> {
            if (attempts.incrementAndGet() <= failures) {
                log.add("commit failed");
                return Uni.createFrom().failure(new IllegalStateException("commit failed"));
            }
            log.add("commit");
            return Uni.createFrom().item(result);
        });
    }

    private static Uni<String> registering(List<String> log) {
        return Uni.createFrom().item(() -> {
            AfterCommit.register(() -> log.add("counted"));
            return "done";
        });
    }

    @Test
    void aRetriedTransactionRunsOnlyTheCallbacksOfTheAttemptThatCommitted() throws Exception {
        // The double count this exists to prevent: the first attempt counted, failed to commit, and was retried.
        List<String> log = new CopyOnWriteArrayList<>();
        var transaction = committing(log, 1);
        String result = onContext(() -> AfterCommit.around(transaction, () -> registering(log))
                .onFailure().retry().atMost(1));
        assertEquals("done", result);
        assertEquals(List.of("commit failed", "commit", "counted"), log);
    }

    @Test
    void aFailedTransactionRunsNoCallback() {
        List<String> log = new CopyOnWriteArrayList<>();
        var transaction = committing(log, 1);
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> onContext(() -> AfterCommit.around(transaction, () -> registering(log))));
        assertInstanceOf(IllegalStateException.class, failed.getCause());
        assertEquals(List.of("commit failed"), log);
    }

    @Test
    void aNestedTransactionsCallbacksWaitForTheOuterCommit() throws Exception {
        // A nested transaction joins the outer one (it opens none); "after commit" means after the outer commit.
        List<String> log = new CopyOnWriteArrayList<>();
        var outer = committing(log, 0);
        var inner = committing(log, 0);
        onContext(() -> AfterCommit.around(outer, () -> AfterCommit.around(inner, () -> registering(log))));
        assertEquals(List.of("commit", "counted"), log);
    }

    @Test
    void registeringOutsideATransactionFailsLoudly() throws Exception {
        // A counter registered where nothing will ever run it would silently never count.
        assertThrows(IllegalStateException.class, () -> AfterCommit.register(() -> { }));
        ExecutionException onContext = assertThrows(ExecutionException.class, () -> onContext(() -> {
            AfterCommit.register(() -> { });
            return Uni.createFrom().item("registered");
        }));
        assertInstanceOf(IllegalStateException.class, onContext.getCause());
    }

    @Test
    void aCommittedTransactionLeavesNothingBehindOnItsContext() {
        // Code after the commit on the same context is outside any transaction again.
        List<String> log = new CopyOnWriteArrayList<>();
        ExecutionException after = assertThrows(ExecutionException.class, () -> onContext(
                () -> AfterCommit.around(committing(log, 0), () -> registering(log))
                        .chain(() -> Uni.createFrom().item(() -> {
                            AfterCommit.register(() -> log.add("leaked"));
                            return "registered";
                        }))));
        assertInstanceOf(IllegalStateException.class, after.getCause());
        assertEquals(List.of("commit", "counted"), log);
    }

    /** Subscribes on a fresh duplicated context, as Quarkus runs each request and message. */
    private static String onContext(Supplier<Uni<String>> uni) throws Exception {
        CompletableFuture<String> result = new CompletableFuture<>();
        VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext()).runOnContext(ignored -> {
            try {
                uni.get().subscribe().with(result::complete, result::completeExceptionally);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }
}
