package dev.tocsin.ingest;

import static dev.tocsin.ingest.IntakeCalls.fixture;
import static dev.tocsin.ingest.IntakeCalls.post;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import dev.tocsin.testing.TocsinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every intake format tells its sender to retry when Kafka cannot acknowledge: 503 with
 * {@code Retry-After}, never a 202 for something that is not durable (the Alertmanager API v2 case
 * is {@link KafkaUnavailableIT}; PostgreSQL, and so the key lookup, going away under a live service
 * is {@link KeyStoreUnavailableIT}, which needs its own proxied database).
 */
@QuarkusTest
@TestProfile(KafkaUnavailableIT.KafkaUnreachable.class)
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class IntakeUnavailableIT {

    @Test
    void everyFormatAnswers503WithRetryAfter() {
        String key = Intake.createKey("checkout", Map.of()).secret();
        post("/hooks/alertmanager", key, fixture("alertmanager-webhook-v4.json"))
                .time(lessThan(10L), TimeUnit.SECONDS).statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5");
        post("/hooks/grafana", key, fixture("grafana-webhook.json")).statusCode(503).header("Retry-After", "5");
        post("/hooks/generic", key, fixture("generic-webhook.json")).statusCode(503).header("Retry-After", "5");
        // PagerDuty's endpoints answer in PagerDuty's shape.
        post("/v2/enqueue", null, fixture("pagerduty-trigger.json").put("routing_key", key)).statusCode(503)
                .header("Retry-After", "5").body("status", equalTo("unavailable"));
        post("/v2/change/enqueue", null, fixture("pagerduty-change.json").put("routing_key", key)).statusCode(503)
                .header("Retry-After", "5");
    }
}
