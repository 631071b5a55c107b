package dev.tocsin.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request bodies, built before the clock starts so the generator spends its CPU on sending. Body
 * {@code i} carries the alert identities {@code i*batch .. i*batch+batch-1} modulo the identity
 * count; the bodies repeat once every identity was sent, as a monitoring system re-sends firing
 * alerts.
 */
final class Payloads {

    /** Bodies beyond this many are reused from the start, bounding the generator's memory. */
    private static final int MAX_BODIES = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<byte[]> bodies;
    final String path;

    private Payloads(String path, List<byte[]> bodies) {
        this.path = path;
        this.bodies = bodies;
    }

    /** Body {@code i} as JSON bytes. */
    byte[] get(int i) {
        return bodies.get(i);
    }

    int size() {
        return bodies.size();
    }

    /** Alertmanager API v2 batches, shaped like what Prometheus sends. */
    static Payloads alertmanager(int batch, int identities, String run) {
        String startsAt = Instant.now().toString();
        List<byte[]> bodies = new ArrayList<>();
        for (int b = 0; b < count(batch, identities); b++) {
            List<Object> alerts = new ArrayList<>(batch);
            for (int m = 0; m < batch; m++) {
                alerts.add(prometheusAlert((int) (((long) b * batch + m) % identities), run, startsAt));
            }
            bodies.add(write(alerts));
        }
        return new Payloads("/api/v2/alerts", bodies);
    }

    /**
     * One Alertmanager API v2 batch whose alert identities are written in fixed-width slots, so
     * {@link FreshRequests} can give every request alerts never sent before: alert {@code m} of the
     * template is identity {@code m}, its instance {@code host-%010d:9100}.
     */
    static Payloads alertmanagerTemplate(int batch, String run) {
        String startsAt = Instant.now().toString();
        List<Object> alerts = new ArrayList<>(batch);
        for (int m = 0; m < batch; m++) {
            alerts.add(prometheusAlert(m, run, startsAt, String.format("host-%010d:9100", m)));
        }
        return new Payloads("/api/v2/alerts", List.of(write(alerts)));
    }

    /** PagerDuty Events API v2 trigger events, one per request as PagerDuty takes them. */
    static Payloads pagerDuty(int identities, String run, String routingKey) {
        List<byte[]> bodies = new ArrayList<>();
        for (int k = 0; k < count(1, identities); k++) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("summary", "Disk almost full on " + instance(k));
            payload.put("source", instance(k));
            payload.put("severity", k % 10 == 0 ? "critical" : "warning");
            payload.put("component", "disk");
            payload.put("group", "bench");
            payload.put("custom_details", Map.of("free_percent", k % 7, "bench_run", run));
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("routing_key", routingKey);
            event.put("event_action", "trigger");
            event.put("dedup_key", run + "-" + k);
            event.put("payload", payload);
            bodies.add(write(event));
        }
        return new Payloads("/v2/enqueue", bodies);
    }

    private static int count(int batch, int identities) {
        return (int) Math.min(MAX_BODIES, (identities + batch - 1) / batch);
    }

    /** The labels of alert identity {@code k}, as a Prometheus rule would set them. */
    static Map<String, String> labels(int k, String run) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", "BenchAlert" + (k % 50));
        labels.put("service", "bench");
        labels.put("severity", k % 10 == 0 ? "critical" : "warning");
        labels.put("instance", instance(k));
        labels.put("job", "node");
        labels.put("bench_run", run);
        return labels;
    }

    static String summary(int k) {
        return "Instance " + instance(k) + " is failing";
    }

    private static Map<String, Object> prometheusAlert(int k, String run, String startsAt) {
        return prometheusAlert(k, run, startsAt, instance(k));
    }

    private static Map<String, Object> prometheusAlert(int k, String run, String startsAt, String instance) {
        Map<String, Object> alert = new LinkedHashMap<>();
        Map<String, String> labels = labels(k, run);
        labels.put("instance", instance);
        alert.put("labels", labels);
        alert.put("annotations", Map.of(
                "summary", "Instance " + instance + " is failing",
                "description", "Error rate on " + instance + " has been above 5% for 5 minutes."));
        alert.put("startsAt", startsAt);
        alert.put("generatorURL", "http://prometheus.local:9090/graph?g0.expr=rate%28errors_total%5B5m%5D%29");
        return alert;
    }

    private static String instance(int k) {
        return "host-" + k + ":9100";
    }

    private static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
