package dev.tocsin.ingest;

import static dev.tocsin.ingest.Intake.alert;
import static dev.tocsin.ingest.Intake.post;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import dev.tocsin.testing.FreePorts;
import dev.tocsin.testing.TocsinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When Kafka cannot acknowledge a batch, the sender is told to retry: 503 with {@code Retry-After},
 * within the send timeout, never a 202 for alerts that are not durable.
 */
@QuarkusTest
@TestProfile(KafkaUnavailableIT.KafkaUnreachable.class)
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class KafkaUnavailableIT {

    /** The service's producer points at a port nobody listens on; the database is real. */
    public static class KafkaUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tocsin.eventing.bootstrap-servers", "localhost:" + FreePorts.next(),
                    "tocsin.eventing.send-timeout", "2s");
        }
    }

    @Test
    void aBatchKafkaDidNotAcknowledgeIsAnsweredWith503AndRetryAfter() {
        String key = Intake.createKey("checkout").secret();
        post(key, List.of(alert(Map.of("alertname", "CheckoutErrors"), Map.of(), null)))
                .time(lessThan(10L), TimeUnit.SECONDS)
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("status", equalTo(503));
    }
}
