package dev.tocsin.incident;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.api.BadInputCheck;
import dev.tocsin.testing.api.BadInputCorpus;
import dev.tocsin.testing.api.BadRequest;
import dev.tocsin.testing.api.OpenApiOperations;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generated bad-input corpus against every operation of incident-service's OpenAPI document:
 * no 5xx, every 4xx a problem naming what is wrong, and no row or topic changed afterwards.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class BadInputCorpusIT {

    private static final String ADMIN = "Bearer test-admin-token";

    @TestHTTPResource("/")
    URI base;

    @Test
    void noBadRequestIsAnsweredWith5xxOrChangesAnything() {
        List<BadRequest> corpus = BadInputCorpus.of(OpenApiOperations.of(base), Map.of(), Map.of(), BadInputCorpus.SEED);

        BadInputCheck.run(new BadInputCheck.Service(base, "incident", request -> Map.of("Authorization", ADMIN),
                request -> false, KnownCorpusFailures::isKnown), corpus);

        // Four operations today; pagination and dead letters add theirs when merged.
        assertTrue(corpus.size() >= 50, "corpus of " + corpus.size());
    }
}
