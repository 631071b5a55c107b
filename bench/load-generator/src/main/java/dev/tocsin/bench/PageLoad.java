package dev.tocsin.bench;

import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.eventing.ReceivedEvent;
import dev.tocsin.events.Topics;
import dev.tocsin.events.alert.AlertResolved;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.events.page.PageOpened;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Measures escalation-service opening pages: publishes new {@code PAGE} {@link AlertTriggered}
 * events on {@code tocsin.alerts} at a steady rate, as alert-ingest would after deciding them, and
 * follows {@code tocsin.pages} and {@code tocsin.notify-requests}. For each alert it takes the time
 * from the trigger's record timestamp to the first notify request's (both stamped by their
 * producers on this machine's clock, so the consumer's own polling adds nothing), and it counts the
 * pages opened per second over the measured part. Afterwards every alert is resolved, so the run
 * leaves no page escalating.
 */
final class PageLoad {

    private static final String SOURCE = "/tocsin/load-generator";

    private final String bootstrap;
    private final String service;
    private final int rate;
    private final int warmup;
    private final int duration;
    private final long settleMillis;
    private final String run = "pgl-" + UUID.randomUUID().toString().substring(0, 8);

    /** Send time (ms) of every measured alert, removed when its first notify request is seen. */
    private final Map<String, Long> awaiting = new ConcurrentHashMap<>();
    private final Map<String, Boolean> ours = new ConcurrentHashMap<>();
    private final Histogram latency = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong notified = new AtomicLong();
    private volatile long measureFrom;
    private volatile long measureTo = Long.MAX_VALUE;

    PageLoad(Args args) {
        this.bootstrap = args.kafkaBootstrap();
        this.service = args.string("service", "bench");
        this.rate = (int) args.bounded("rate", 200, 1, 5_000);
        this.warmup = (int) args.bounded("warmup", 10, 0, 600);
        this.duration = (int) args.bounded("duration", 60, 1, 600);
        this.settleMillis = TimeUnit.SECONDS.toMillis(args.bounded("settle", 60, 1, 600));
        args.checkAllRead();
    }

    void run() throws Exception {
        try (KafkaConsumer<String, String> consumer = consumer();
                KafkaProducer<String, String> producer = producer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.PAGES, Topics.NOTIFY_REQUESTS)) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            System.out.printf("pages run=%s service=%s rate=%d/s warmup=%ds duration=%ds%n", run, service, rate, warmup,
                    duration);

            Thread sender = new Thread(() -> send(producer), "sender");
            sender.start();
            long settleUntil = Long.MAX_VALUE;
            while (true) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    observe(record);
                }
                if (!sender.isAlive() && settleUntil == Long.MAX_VALUE) {
                    settleUntil = System.currentTimeMillis() + settleMillis;
                }
                if (!sender.isAlive() && (awaiting.isEmpty() || System.currentTimeMillis() > settleUntil)) {
                    break;
                }
            }
            report();
            resolveAll(producer);
        }
    }

    private void send(KafkaProducer<String, String> producer) {
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        long total = (long) rate * (warmup + duration);
        measureFrom = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(warmup);
        for (long i = 0; i < total; i++) {
            // Open loop: each alert leaves at its own time, however late the last one was answered.
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String alertId = UUID.randomUUID().toString();
            ours.put(alertId, Boolean.TRUE);
            long now = System.currentTimeMillis();
            if (now >= measureFrom) {
                awaiting.put(alertId, now);
            }
            producer.send(record(trigger(alertId, i), now));
        }
        measureTo = System.currentTimeMillis();
        producer.flush();
    }

    private void observe(ConsumerRecord<String, String> record) {
        Optional<ReceivedEvent> received = CloudEventRecords.read(record);
        if (received.isEmpty()) {
            return;
        }
        switch (received.get().event()) {
            case PageOpened page when ours.containsKey(page.alertId()) -> {
                if (record.timestamp() >= measureFrom && record.timestamp() <= measureTo) {
                    opened.incrementAndGet();
                }
            }
            case NotifyRequested request when ours.containsKey(request.alertId()) -> {
                Long sent = awaiting.remove(request.alertId());
                if (sent != null) {
                    latency.recordValue(Math.max(0, record.timestamp() - sent));
                    notified.incrementAndGet();
                }
            }
            default -> { }
        }
    }

    private void report() {
        double seconds = (measureTo - measureFrom) / 1000.0;
        long measured = notified.get() + awaiting.size();
        System.out.printf("measured %d alerts over %.1f s: %d pages opened in that time (%.0f/s), %d notified,"
                        + " %d never notified%n", measured, seconds, opened.get(), opened.get() / seconds,
                notified.get(), awaiting.size());
        System.out.printf("trigger -> first notify request ms: p50 %d, p99 %d, p99.9 %d, max %d%n",
                latency.getValueAtPercentile(50), latency.getValueAtPercentile(99),
                latency.getValueAtPercentile(99.9), latency.getMaxValue());
        System.out.printf("result rate=%d pages_opened_per_s=%.0f notified=%d missing=%d p50_ms=%d p99_ms=%d"
                        + " max_ms=%d%n", rate, opened.get() / seconds, notified.get(), awaiting.size(),
                latency.getValueAtPercentile(50), latency.getValueAtPercentile(99), latency.getMaxValue());
    }

    private void resolveAll(KafkaProducer<String, String> producer) {
        Instant now = Instant.now();
        for (String alertId : ours.keySet()) {
            producer.send(CloudEventRecords.toRecord(new AlertResolved(alertId, run + "-" + alertId, service, now),
                    SOURCE, now));
        }
        producer.flush();
        System.out.printf("resolved the run's %d alerts%n", ours.size());
    }

    private AlertTriggered trigger(String alertId, long i) {
        Instant now = Instant.now();
        Map<String, String> labels = Map.of("alertname", "BenchPage", "service", service, "severity", "critical",
                "bench_run", run, "instance", "i-" + i);
        return new AlertTriggered(alertId, run + "-" + alertId, service, "bench page " + i, "critical", Urgency.PAGE,
                "paged: bench", labels, Map.of(), now, null, "load-generator", now);
    }

    private static ProducerRecord<String, String> record(AlertTriggered alert, long millis) {
        ProducerRecord<String, String> record = CloudEventRecords.toRecord(alert, SOURCE, Instant.ofEpochMilli(millis));
        return new ProducerRecord<>(record.topic(), null, millis, record.key(), record.value(), record.headers());
    }

    private KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private KafkaConsumer<String, String> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }
}
