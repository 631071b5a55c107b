package dev.tocsin.ingest;

import static dev.tocsin.ingest.IntakeCalls.fixture;
import static dev.tocsin.ingest.IntakeCalls.post;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.tocsin.testing.TocsinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The integration-key store (PostgreSQL) going away while Kafka stays up: a key in use keeps working
 * up to the key cache's stale limit; past it, or for a key never cached, every intake endpoint answers
 * 503 with {@code Retry-After} (PagerDuty's in PagerDuty's shape), never 500 and never 401; when the
 * database is back, the same key is accepted again. The service reaches PostgreSQL's reactive pool
 * (the one the key lookup uses) through a TCP proxy that the test cuts. Also: a client that
 * presents too many unknown keys is answered 429 before any lookup.
 */
@QuarkusTest
@TestProfile(KeyStoreUnavailableIT.KeyStoreBehindProxy.class)
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyStoreUnavailableIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> HEADER_FORMATS = List.of("/api/v2/alerts", "/hooks/alertmanager",
            "/hooks/grafana", "/hooks/generic");

    /** The reactive datasource through the proxy; a short key cache and stale limit; three failed lookups a minute. */
    public static class KeyStoreBehindProxy implements QuarkusTestProfile {

        static TcpProxy proxy;

        static synchronized TcpProxy proxy() {
            if (proxy == null) {
                proxy = TcpProxy.toDatabase();
            }
            return proxy;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.url", proxy().reactiveUrl(),
                    "tocsin.ingest.intake.key-cache.ttl", "1s",
                    "tocsin.ingest.intake.key-cache.stale-limit", "3s",
                    "tocsin.ingest.intake.key-lookup-timeout", "2s",
                    "tocsin.ingest.intake.failed-lookups-per-minute", "3");
        }
    }

    private static ValidatableResponse postAs(String path, String key) {
        return switch (path) {
            case "/api/v2/alerts" -> Intake.post(key, List.of(Intake.alert(Map.of("alertname", "KeyStoreDown",
                    "run", UUID.randomUUID().toString()), Map.of(), null)));
            case "/hooks/alertmanager" -> post(path, key, fixture("alertmanager-webhook-v4.json"));
            case "/hooks/grafana" -> post(path, key, fixture("grafana-webhook.json"));
            case "/hooks/generic" -> post(path, key, fixture("generic-webhook.json"));
            case "/v2/enqueue" -> post(path, null, fixture("pagerduty-trigger.json").put("routing_key", key));
            default -> post(path, null, fixture("pagerduty-change.json").put("routing_key", key));
        };
    }

    @Test
    @Order(1)
    void aDatabaseOutageAnswers503WithRetryAfterOnEveryIntakeEndpointAndRecovers() {
        String key = Intake.createKey("checkout").secret();
        postAs("/api/v2/alerts", key).statusCode(202);
        TcpProxy proxy = KeyStoreBehindProxy.proxy();
        proxy.cut();
        try {
            // Once the key is past its stale limit (3 s here), the lookup cannot reach PostgreSQL.
            Awaitility.await().atMost(WAIT).untilAsserted(() -> postAs("/api/v2/alerts", key).statusCode(503));
            for (String path : HEADER_FORMATS) {
                postAs(path, key).statusCode(503).contentType("application/problem+json")
                        .header("Retry-After", "5").body("detail", containsString("retry"));
            }
            // A key never cached is not called wrong: the store could not be asked.
            postAs("/hooks/generic", "never-seen-" + UUID.randomUUID()).statusCode(503).header("Retry-After", "5");
            postAs("/v2/enqueue", key).statusCode(503).header("Retry-After", "5")
                    .body("status", equalTo("unavailable"));
            postAs("/v2/change/enqueue", key).statusCode(503).header("Retry-After", "5");
        } finally {
            proxy.restore();
        }
        Awaitility.await().atMost(WAIT).untilAsserted(() -> postAs("/api/v2/alerts", key).statusCode(202));
        postAs("/v2/enqueue", key).statusCode(202);
    }

    @Test
    @Order(2)
    void aClientThatPresentsTooManyUnknownKeysIsRefusedBeforeAnyLookup() {
        String valid = Intake.createKey("checkout").secret();
        for (int i = 0; i < 3; i++) {
            postAs("/hooks/generic", "guess-" + UUID.randomUUID()).statusCode(401);
        }
        postAs("/hooks/generic", "guess-" + UUID.randomUUID()).statusCode(429)
                .contentType("application/problem+json").header("Retry-After", equalTo("20"))
                .body("detail", containsString("unknown or revoked integration keys from this address"));
        // Refused before the lookup, so even a valid key from this address waits, on every endpoint.
        postAs("/api/v2/alerts", valid).statusCode(429);
        postAs("/v2/enqueue", valid).statusCode(429).body("status", equalTo("throttle exceeded"));
    }
}
