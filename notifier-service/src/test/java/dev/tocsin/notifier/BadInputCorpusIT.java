package dev.tocsin.notifier;

import static dev.tocsin.notifier.Api.ADMIN;
import static dev.tocsin.notifier.Api.putEmail;
import static dev.tocsin.notifier.Api.unique;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.testing.SmtpTestResource;
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
 * The generated bad-input corpus against every operation of notifier-service's OpenAPI document:
 * no 5xx, every 4xx a problem naming what is wrong, and no row or topic changed afterwards.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SmtpTestResource.class, restrictToAnnotatedClass = false)
class BadInputCorpusIT {

    @TestHTTPResource("/")
    URI base;

    @Test
    void noBadRequestIsAnsweredWith5xxOrChangesAnything() {
        String user = unique("corpus");
        putEmail(user, "work", "corpus@example.com").statusCode(201);
        Map<String, String> ids = Map.of("/api/v1/users/{userId}", user,
                "/api/v1/users/{userId}/contact-methods/{id}", "work");
        List<BadRequest> corpus = BadInputCorpus.of(OpenApiOperations.of(base), ids, Map.of(), BadInputCorpus.SEED);

        BadInputCheck.run(new BadInputCheck.Service(base, "notifier", request -> Map.of("Authorization", ADMIN),
                // A signed link is opened by a person in a browser: its refusals are pages, not problem+json.
                request -> request.target().startsWith("/actions/"), KnownCorpusFailures::isKnown), corpus);

        assertTrue(corpus.size() >= 120, "corpus of " + corpus.size());
    }
}
