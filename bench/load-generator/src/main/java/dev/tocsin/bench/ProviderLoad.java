package dev.tocsin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.events.Topics;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.delivery.DeliveryQueued;
import dev.tocsin.events.notify.NotifyRequested;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

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
    /** Per stage, from the records' producer timestamps: when alert-ingest, then escalation-service, had done. */
    private final Map<String, Long> triggeredAt = new ConcurrentHashMap<>();
    private final Map<String, Long> requestedAt = new ConcurrentHashMap<>();
    private final Histogram toTriggered = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
    private final Histogram toRequested = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
    private final Histogram toPushed = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
    private final Histogram toQueued = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
    /** The page of each measured alert's first notify request, to find its deliveries by. */
    private final Map<String, String> pageInstances = new ConcurrentHashMap<>();
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private volatile boolean following = true;
    private final String bootstrap;
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
        this.bootstrap = args.kafkaBootstrap();
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
        Thread follower = new Thread(this::follow, "follower");
        follower.start();
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
            following = false;
            follower.join();
            report((measureTo - measureFrom) / 1000.0);
            send(total, Long.MAX_VALUE, "resolved");
        } finally {
            following = false;
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
                sentAt.put(instance, now);
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
                    Long requested = requestedAt.get(instance.group(1));
                    synchronized (latency) {
                        latency.recordValue(Math.max(0, arrived - sent));
                        if (requested != null) {
                            toPushed.recordValue(Math.max(0, arrived - requested));
                        }
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

    /**
     * Follows tocsin.alerts and tocsin.notify-requests from their ends, and takes each measured
     * alert's stages from the records' producer timestamps (all stamped on this machine): its
     * AlertTriggered (alert-ingest decided it) and its first NotifyRequested (escalation-service
     * opened its page).
     */
    private void follow() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.ALERTS, Topics.NOTIFY_REQUESTS, Topics.NOTIFICATIONS)) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (following) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    CloudEventRecords.read(record).ifPresent(received -> stage(received.event(), record.timestamp()));
                }
            }
        }
    }

    private void stage(Object event, long at) {
        if (event instanceof AlertTriggered triggered) {
            String instance = triggered.labels().get("instance");
            Long sent = instance == null ? null : sentAt.get(instance);
            if (sent != null && triggeredAt.putIfAbsent(instance, at) == null) {
                synchronized (latency) {
                    toTriggered.recordValue(Math.max(0, at - sent));
                }
            }
        } else if (event instanceof NotifyRequested requested) {
            String instance = requested.labels().get("instance");
            Long triggered = instance == null ? null : triggeredAt.get(instance);
            if (triggered != null && requestedAt.putIfAbsent(instance, at) == null) {
                pageInstances.put(requested.pageId(), instance);
                synchronized (latency) {
                    toRequested.recordValue(Math.max(0, at - triggered));
                }
            }
        } else if (event instanceof DeliveryQueued queued) {
            String instance = pageInstances.remove(queued.pageId());
            Long requested = instance == null ? null : requestedAt.get(instance);
            if (requested != null) {
                synchronized (latency) {
                    toQueued.recordValue(Math.max(0, at - requested));
                }
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
        System.out.printf("stages ms p50/p99: POST -> AlertTriggered %d/%d, -> first NotifyRequested %d/%d,"
                        + " -> DeliveryQueued %d/%d; NotifyRequested -> push %d/%d%n",
                toTriggered.getValueAtPercentile(50), toTriggered.getValueAtPercentile(99),
                toRequested.getValueAtPercentile(50), toRequested.getValueAtPercentile(99),
                toQueued.getValueAtPercentile(50), toQueued.getValueAtPercentile(99),
                toPushed.getValueAtPercentile(50), toPushed.getValueAtPercentile(99));
        System.out.printf("result rate=%d pushed=%d missing=%d refused=%d p50_ms=%d p99_ms=%d max_ms=%d%n", rate,
                latency.getTotalCount(), awaiting.size(), refused.get(), latency.getValueAtPercentile(50),
                latency.getValueAtPercentile(99), latency.getMaxValue());
    }
}
