package dev.tocsin.eventing;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A module that only counts how often each of its deadlines was fired. */
@ApplicationScoped
public class CountingModule implements DeadlineModule {

    static final String KIND = "test.counting";

    private final Map<String, AtomicInteger> fired = new ConcurrentHashMap<>();

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Uni<Outcome> fire(Deadline deadline) {
        fired.computeIfAbsent(deadline.ref(), ref -> new AtomicInteger()).incrementAndGet();
        return Uni.createFrom().item(Outcome.done());
    }

    int fired(String ref) {
        AtomicInteger count = fired.get(ref);
        return count == null ? 0 : count.get();
    }
}
