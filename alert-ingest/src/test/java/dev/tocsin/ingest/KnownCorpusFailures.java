package dev.tocsin.ingest;

import dev.tocsin.testing.api.BadRequest;
import java.util.List;

/**
 * Requests of the bad-input corpus that intake answers on purpose otherwise than the management
 * API would; {@link BadInputCorpusIT} sends them after its state check and reports without failing
 * on them. Intake takes a JSON body whatever content type the sender declares (senders differ, and
 * refusing would drop real alerts), and refuses a body that is not UTF-8 as a whole, naming the
 * body ({@code $}), since the bytes cannot be decoded far enough to name a field.
 */
final class KnownCorpusFailures {

    /** The intake endpoints, and what they answer on purpose. */
    private static final List<String> INTAKE = List.of("POST /api/v2/alerts", "POST /hooks/alertmanager",
            "POST /hooks/grafana", "POST /hooks/generic", "POST /v2/enqueue", "POST /v2/change/enqueue");
    private static final List<String> INTAKE_BROKEN = List.of("overlong UTF-8", "no content type",
            "content type text/plain");

    private KnownCorpusFailures() {
    }

    static boolean isKnown(BadRequest request) {
        return INTAKE.contains(request.operation()) && INTAKE_BROKEN.stream().anyMatch(request.broken()::contains);
    }
}
