package dev.tocsin.testing.api;

import dev.tocsin.testing.ServiceState;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs a service's bad-input corpus the way each service's {@code BadInputCorpusIT} asserts it:
 * the state of its schema and of every topic is read, the corpus sent, and the state read again;
 * every bad answer and every change is reported in one failure. Requests known to fail in work
 * still under way are sent last, after the state was compared, and reported without failing.
 */
public final class BadInputCheck {

    private BadInputCheck() {
    }

    /** What one service's run needs besides its corpus. */
    public record Service(URI base, String schema, Function<BadRequest, Map<String, String>> credentials,
            Predicate<BadRequest> ownErrorFormat, Predicate<BadRequest> known) {
    }

    /** Throws an AssertionError listing every bad answer and every change of state; returns what was sent. */
    public static CorpusRun.Result run(Service service, List<BadRequest> corpus) {
        List<BadRequest> strict = corpus.stream().filter(service.known().negate()).toList();
        List<BadRequest> known = corpus.stream().filter(service.known()).toList();
        ServiceState before = ServiceState.settled(service.schema());
        CorpusRun.Result result = CorpusRun.send(service.base(), strict, service.credentials(), service.ownErrorFormat());
        List<String> changes = ServiceState.settled(service.schema()).changesSince(before);
        CorpusRun.Result later = CorpusRun.send(service.base(), known, service.credentials(), service.ownErrorFormat());
        if (!later.failures().isEmpty()) {
            System.out.println(later.failures().size() + " of " + known.size() + " requests known to fail still do:\n"
                    + String.join("\n", later.failures()));
        }
        List<String> report = new ArrayList<>(result.failures());
        changes.forEach(change -> report.add("state changed: " + change));
        if (!report.isEmpty()) {
            throw new AssertionError(result.failures().size() + " of " + strict.size() + " bad requests got a bad answer"
                    + " (answers by status " + result.statuses() + ")" + (changes.isEmpty() ? "" : ", and the state changed")
                    + ":\n" + String.join("\n", report));
        }
        System.out.println(strict.size() + " bad requests answered well (by status " + result.statuses() + "); "
                + known.size() + " known to fail sent after the state check");
        return result;
    }
}
