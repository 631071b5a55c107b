package dev.tocsin.ingest.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.events.alert.Urgency;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.SignalAction;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeverityClassifierTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            // Prometheus rules conventionally mark page-worthy alerts critical.
            "critical, PAGE, paged: severity critical",
            // Mixed case from hand-written rules must not slip through to a lower urgency.
            "Critical, PAGE, paged: severity critical",
            // Rules that page often carry no severity at all; missing a page is worse than an extra one.
            "null, PAGE, paged: no severity label (treated as critical)",
            // Warnings wait for business hours.
            "warning, TICKET, ticket: severity warning",
            // Informational alerts never interrupt anyone.
            "info, LOG, logged: severity info"})
    void urgencyFollowsSeverity(String severity, Urgency expected, String reason) {
        var signal = new AlertSignalReceived(UUID.randomUUID(), "fp", SignalAction.TRIGGER, "checkout", "s", severity,
                Map.of(), Map.of(), Instant.EPOCH, null, null, "alertmanager-v2", Instant.EPOCH);
        Classification c = new SeverityClassifier().classify(signal);
        assertEquals(expected, c.urgency());
        assertEquals(reason, c.reason());
    }
}
