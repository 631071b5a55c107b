package dev.tocsin.ingest;

import static dev.tocsin.ingest.IntakeCalls.fixture;
import static dev.tocsin.ingest.IntakeCalls.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.events.EventJson;
import dev.tocsin.testing.TocsinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A replica holding as many intake requests as it may (two here) answers the next one 503 with
 * {@code Retry-After} at once, on every format (PagerDuty's in PagerDuty's shape), whatever its key;
 * a request stops counting when it is answered or its sender hangs up, so the bound never leaks and
 * intake takes alerts again once the stall is over. The stall is the key store's: PostgreSQL's
 * reactive pool is reached through a TCP proxy the test holds, so lookups of uncached keys hang.
 */
@QuarkusTest
@TestProfile(IntakeOverloadIT.TwoInFlight.class)
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class IntakeOverloadIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern IN_FLIGHT = Pattern.compile("(?m)^tocsin_intake_in_flight(?:\\{[^}]*})? ([0-9.]+)");
    private static final Pattern OVERLOADED = Pattern.compile(
            "(?m)^tocsin_intake_rejected_total\\{[^}]*reason=\"overloaded\"[^}]*} ([0-9.]+)");

    /** Two intake requests in flight at most; key lookups wait long enough to stay in flight while held. */
    public static class TwoInFlight implements QuarkusTestProfile {

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
                    "tocsin.ingest.intake.max-in-flight", "2",
                    "tocsin.ingest.intake.key-lookup-timeout", "60s");
        }
    }

    @TestHTTPResource("/api/v2/alerts")
    URI alerts;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void pastTheBoundRequestsAre503AtOnceAndTheBoundRecoversWhenTheStallEnds() {
        String key = Intake.createKey("checkout").secret();
        Intake.post(key, List.of(alert())).statusCode(202);
        double refusedBefore = meter(OVERLOADED);
        TcpProxy proxy = TwoInFlight.proxy();
        proxy.hold();
        try {
            // Keys never seen: each request waits on its lookup, which the held store does not answer.
            CompletableFuture<HttpResponse<Void>> waiting = postAsync(Duration.ofMinutes(2));
            Awaitility.await().atMost(WAIT).until(() -> meter(IN_FLIGHT) == 1.0);
            CompletableFuture<HttpResponse<Void>> abandoned = postAsync(Duration.ofSeconds(5));
            Awaitility.await().atMost(WAIT).until(() -> meter(IN_FLIGHT) == 2.0);

            // Its sender gives up; it no longer counts once the connection closed: the bound does not leak.
            CompletionException gaveUp = assertThrows(CompletionException.class, abandoned::join);
            assertTrue(gaveUp.getCause() instanceof HttpTimeoutException, gaveUp.toString());
            Awaitility.await().atMost(WAIT).until(() -> meter(IN_FLIGHT) == 1.0);

            // A third in flight fills the bound; the next is refused at once, even with a cached key.
            CompletableFuture<HttpResponse<Void>> third = postAsync(Duration.ofMinutes(2));
            Awaitility.await().atMost(WAIT).until(() -> meter(IN_FLIGHT) == 2.0);
            Intake.post(key, List.of(alert())).statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "5").body("status", equalTo(503))
                    .body("detail", containsString("tocsin.ingest.intake.max-in-flight"));
            post("/hooks/generic", key, fixture("generic-webhook.json")).statusCode(503).header("Retry-After", "5");
            post("/v2/enqueue", null, fixture("pagerduty-trigger.json").put("routing_key", key)).statusCode(503)
                    .contentType("application/json").header("Retry-After", "5")
                    .body("status", equalTo("unavailable"));
            assertEquals(refusedBefore + 3, meter(OVERLOADED));
            assertEquals(2.0, meter(IN_FLIGHT));
            assertTrue(!waiting.isDone() && !third.isDone(), "the requests in flight still wait on their lookups");
            proxy.release();
            // Their keys were never created: once the store answers, they are unknown.
            assertEquals(401, waiting.join().statusCode());
            assertEquals(401, third.join().statusCode());
        } finally {
            proxy.release();
        }
        Awaitility.await().atMost(WAIT).until(() -> meter(IN_FLIGHT) == 0.0);
        Intake.post(key, List.of(alert())).statusCode(202);
    }

    /** An alert posted with a key never created, which the store must be asked about. */
    private CompletableFuture<HttpResponse<Void>> postAsync(Duration timeout) {
        return client.sendAsync(HttpRequest.newBuilder(alerts).timeout(timeout)
                .header("Authorization", "Bearer never-seen-" + UUID.randomUUID())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EventJson.write(List.of(alert()))))
                .build(), HttpResponse.BodyHandlers.discarding());
    }

    private static Map<String, Object> alert() {
        return Intake.alert(Map.of("alertname", "Overload", "run", UUID.randomUUID().toString()), Map.of(), null);
    }

    /** The sum of the meter's series (refusals are counted per format); reading it is not intake, never refused. */
    private static double meter(Pattern meter) {
        Matcher found = meter.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        double sum = 0;
        while (found.find()) {
            sum += Double.parseDouble(found.group(1));
        }
        return sum;
    }
}
