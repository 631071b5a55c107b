package dev.tocsin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Measures the whole path from an alert to the first provider request: posts new alerts to
 * alert-ingest (Alertmanager API v2, one alert per request) at a steady rate, and listens as the
 * ntfy server the paged person's push topic is on. For each alert it takes the time from just
 * before its POST to the moment its push arrives here, through alert-ingest's decision,
 * escalation-service opening the page, and notifier-service's delivery. Each alert carries its
 * sequence number as the {@code instance} label, which the push's text lists. Afterwards every
 * alert is resolved the same way it was raised.
 */
final class ProviderLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INSTANCE = Pattern.compile("instance = (p-[0-9a-f]{8}-\\d+)");

    private final URI alerts;
    private final String key;
    private final String service;
    private final int rate;
    private final int warmup;
    private final int duration;
    private final int port;
    private final long settleMillis;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /** Send time (ms) of every measured alert by its instance label, removed when its push arrives. */
    private final Map<String, Long> awaiting = new ConcurrentHashMap<>();
    private final Histogram latency = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong pushes = new AtomicLong();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(8)).build();

    ProviderLoad(Args args) {
        this.alerts = Args.loopback(args.string("url", "http://127.0.0.1:8081") + "/api/v2/alerts");
        this.key = args.string("key", "");
        this.service = args.string("service", "bench-push");
        this.rate = (int) args.bounded("rate", 200, 1, 2_000);
        this.warmup = (int) args.bounded("warmup", 10, 0, 600);
        this.duration = (int) args.bounded("duration", 60, 1, 600);
        this.port = (int) args.bounded("ntfy-port", 18091, 1, 65_535);
        this.settleMillis = TimeUnit.SECONDS.toMillis(args.bounded("settle", 60, 1, 600));
        args.checkAllRead();
        if (key.isBlank()) {
            throw new IllegalArgumentException("--key (an integration key of --service) is required");
        }
    }

    void run() throws Exception {
        HttpServer ntfy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ntfy.createContext("/", this::published);
        ntfy.setExecutor(Executors.newFixedThreadPool(8));
        ntfy.start();
        try {
            System.out.printf("provider run=%s service=%s rate=%d/s warmup=%ds duration=%ds ntfy=127.0.0.1:%d%n", run,
                    service, rate, warmup, duration, port);
            long measureFrom = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(warmup);
            long total = (long) rate * (warmup + duration);
            send(total, measureFrom, "firing");
            long measureTo = System.currentTimeMillis();
            long until = System.currentTimeMillis() + settleMillis;
            while (!awaiting.isEmpty() && System.currentTimeMillis() < until) {
                Thread.sleep(200);
            }
            report((measureTo - measureFrom) / 1000.0);
            send(total, Long.MAX_VALUE, "resolved");
        } finally {
            ntfy.stop(0);
        }
    }

    /** Posts {@code total} alerts, each at its own time (an open loop), firing or resolved. */
    private void send(long total, long measureFrom, String state) {
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long wait = start + i * intervalNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String instance = "p-" + run + "-" + i;
            String ends = state.equals("resolved") ? ",\"endsAt\":\"2000-01-01T00:00:00Z\"" : "";
            String body = "[{\"labels\":{\"alertname\":\"BenchPush\",\"service\":\"" + service
                    + "\",\"severity\":\"critical\",\"bench_run\":\"" + run + "\",\"instance\":\"" + instance
                    + "\"},\"annotations\":{\"summary\":\"bench push " + i + "\"}" + ends + "}]";
            long now = System.currentTimeMillis();
            if (now >= measureFrom) {
                awaiting.put(instance, now);
            }
            client.sendAsync(HttpRequest.newBuilder(alerts).timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        if (error != null || response.statusCode() != 202) {
                            refused.incrementAndGet();
                        }
                    });
        }
    }

    /** An ntfy JSON publish: the push of one alert. */
    private void published(HttpExchange exchange) throws IOException {
        long arrived = System.currentTimeMillis();
        try (exchange) {
            JsonNode message = JSON.readTree(exchange.getRequestBody().readAllBytes());
            Matcher instance = INSTANCE.matcher(message.path("message").asText(""));
            if (instance.find()) {
                pushes.incrementAndGet();
                Long sent = awaiting.remove(instance.group(1));
                if (sent != null) {
                    synchronized (latency) {
                        latency.recordValue(Math.max(0, arrived - sent));
                    }
                }
            }
            byte[] answer = ("{\"id\":\"" + UUID.randomUUID().toString().substring(0, 12) + "\",\"event\":\"message\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    private void report(double seconds) {
        long measured = latency.getTotalCount() + awaiting.size();
        System.out.printf("measured %d alerts over %.1f s (%.0f/s): %d pushed, %d never pushed, %d refused at intake%n",
                measured, seconds, measured / seconds, latency.getTotalCount(), awaiting.size(), refused.get());
        System.out.printf("alert -> first provider request ms: p50 %d, p99 %d, p99.9 %d, max %d%n",
                latency.getValueAtPercentile(50), latency.getValueAtPercentile(99),
                latency.getValueAtPercentile(99.9), latency.getMaxValue());
        System.out.printf("result rate=%d pushed=%d missing=%d refused=%d p50_ms=%d p99_ms=%d max_ms=%d%n", rate,
                latency.getTotalCount(), awaiting.size(), refused.get(), latency.getValueAtPercentile(50),
                latency.getValueAtPercentile(99), latency.getMaxValue());
    }
}
