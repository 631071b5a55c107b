package dev.tocsin.eventing;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A module standing for a provider that may not answer: the next firing of a held deadline waits
 * until the test opens its gate, as a send waits on a slow SMTP server; other firings answer at once.
 */
@ApplicationScoped
public class GatedModule implements DeadlineModule {

    static final String KIND = "test.gated";

    private final Map<String, AtomicInteger> fired = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> gates = new ConcurrentHashMap<>();

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Uni<Outcome> fire(Deadline deadline) {
        fired.computeIfAbsent(deadline.ref(), ref -> new AtomicInteger()).incrementAndGet();
        CompletableFuture<Void> gate = gates.remove(deadline.ref());
        return gate == null ? Uni.createFrom().item(Outcome.done())
                : Uni.createFrom().completionStage(gate).replaceWith(Outcome.done());
    }

    /** The next firing of {@code ref} waits until the returned gate is completed. */
    CompletableFuture<Void> hold(String ref) {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        gates.put(ref, gate);
        return gate;
    }

    int fired(String ref) {
        AtomicInteger count = fired.get(ref);
        return count == null ? 0 : count.get();
    }
}
