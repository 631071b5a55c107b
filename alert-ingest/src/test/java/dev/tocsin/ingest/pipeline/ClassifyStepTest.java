package dev.tocsin.ingest.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tocsin.events.alert.Urgency;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.SignalAction;
import dev.tocsin.ingest.alert.Alert;
import dev.tocsin.ingest.alert.Classification;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassifyStepTest {

    @ParameterizedTest(name = "severity {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            // Prometheus rules conventionally mark page-worthy alerts critical.
            "critical | PAGE   | paged: severity critical",
            // Some rule sets name the intent instead of the impact.
            "page     | PAGE   | paged: severity page",
            "error    | PAGE   | paged: severity error",
            // Hand-written rules vary the case; that must not lower the urgency.
            "Critical | PAGE   | paged: severity critical",
            // Rules that page often carry no severity at all; a missed page is worse than an extra one.
            "null     | PAGE   | paged: no severity label (treated as critical)",
            // A severity Tocsin does not know (another team's scale) pages rather than being dropped.
            "high     | PAGE   | paged: unknown severity high (treated as critical)",
            // Warnings wait for business hours.
            "warning  | TICKET | ticket: severity warning",
            // Informational alerts never interrupt anyone.
            "info     | LOG    | logged: severity info",
            "none     | LOG    | logged: severity none"})
    void urgencyFollowsSeverity(String severity, Urgency urgency, String reason) {
        assertEquals(new Classification(urgency, reason), ClassifyStep.bySeverity(severity));
    }

    @Test
    void onlyASignalThatOpensAnAlertIsClassified() {
        // A repeat keeps the urgency its alert opened with, even if the severity label changed since.
        Alert open = new Alert("a1", "fp", "checkout", Alert.Status.OPEN, 1, Instant.EPOCH, 1);
        SignalContext repeat = SignalContext.of(signal(SignalAction.TRIGGER)).withOpen(open);
        assertNull(new ClassifyStep().apply(repeat).await().indefinitely().classification());

        SignalContext first = SignalContext.of(signal(SignalAction.TRIGGER));
        assertEquals(Urgency.LOG, new ClassifyStep().apply(first).await().indefinitely().classification().urgency());
    }

    private static AlertSignalReceived signal(SignalAction action) {
        return new AlertSignalReceived(UUID.randomUUID(), "fp", action, "checkout", "s", "info", Map.of("a", "b"),
                Map.of(), Instant.EPOCH, null, null, "alertmanager-v2", Instant.EPOCH);
    }
}
