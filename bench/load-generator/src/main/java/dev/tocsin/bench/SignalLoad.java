package dev.tocsin.bench;

import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.events.Topics;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.SignalAction;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Measures the decision stage alone: writes {@code signals} records of {@link AlertSignalReceived}
 * over {@code keys} dedup keys to {@code tocsin.alert-signals}, exactly as alert-ingest's intake
 * does (keyed by dedup key, CloudEvents binary headers), then follows alert-ingest's consumer group
 * until its committed offsets reach the end of the topic. Samples the service's heap on the way and
 * finally counts the alerts the run produced, which must be one per key.
 */
final class SignalLoad {

    /** {@code ce_source} of the signals, so a reader of the topic can tell them from real ones. */
    private static final String SOURCE = "/tocsin/load-generator";

    private final String bootstrap;
    private final long signals;
    private final int keys;
    private final String group;
    private final IngestHeap heap;
    private final String jdbcUrl;
    private final String dbUser;
    private final String dbPassword;
    private final long deadline;
    private final String run = "sig-" + UUID.randomUUID().toString().substring(0, 8);

    SignalLoad(Args args) {
        this.bootstrap = args.kafkaBootstrap();
        this.signals = args.bounded("signals", 1_000_000, 1, 100_000_000);
        this.keys = (int) args.bounded("keys", 10_000, 1, 10_000_000);
        this.group = group(args);
        this.heap = new IngestHeap(args.string("metrics-url", "http://127.0.0.1:8081/q/metrics"),
                args.string("ingest-pid", null));
        this.jdbcUrl = args.string("jdbc-url", "jdbc:postgresql://127.0.0.1:15432/tocsin");
        this.dbUser = args.string("db-user", "postgres");
        this.dbPassword = args.string("db-password", "postgres");
        this.deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(args.bounded("timeout", 1800, 10, 7200));
        args.checkAllRead();
    }

    void run() throws Exception {
        try (ConsumerLag lag = new ConsumerLag(bootstrap, Topics.ALERT_SIGNALS, group)) {
            ConsumerLag.Position before = lag.position();
            if (before.lag() > 0) {
                // Signals left by an earlier run would be counted as this run's work.
                System.out.printf("waiting for alert-ingest to decide a backlog of %d signals first%n", before.lag());
                before = awaitDecided(lag, deadline);
            }
            System.out.printf("signals run=%s signals=%d keys=%d topic=%s partitions=%d group=%s backlog=%d%n",
                    run, signals, keys, Topics.ALERT_SIGNALS, lag.partitionCount(), group, before.lag());
            double heapStart = heap.usedAfterGcMb();
            long start = System.nanoTime();
            Thread producer = new Thread(this::produce, "producer");
            producer.start();
            List<double[]> samples = new ArrayList<>();
            ConsumerLag.Position now = before;
            double heapMax = heapStart;
            int silentSeconds = 0;
            while (producer.isAlive() || now.lag() > 0) {
                if (System.nanoTime() > deadline) {
                    producer.interrupt();
                    System.out.printf("TIMEOUT: lag %d after %.0f s%n", now.lag(), (System.nanoTime() - start) / 1e9);
                    break;
                }
                Thread.sleep(1000);
                now = lag.position();
                double used = heap.usedMb();
                silentSeconds = used < 0 ? silentSeconds + 1 : 0;
                if (silentSeconds >= 30) {
                    producer.interrupt();
                    System.out.printf("alert-ingest has not answered for 30 s; lag %d%n", now.lag());
                    break;
                }
                heapMax = Math.max(heapMax, used);
                double t = (System.nanoTime() - start) / 1e9;
                samples.add(new double[] {t, now.committed() - before.committed()});
                if (samples.size() % 10 == 0) {
                    System.out.printf("  t=%.0fs decided=%d lag=%d heap=%.0f MB%n", t,
                            now.committed() - before.committed(), now.lag(), used);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long decided = now.committed() - before.committed();
            double heapEnd = heap.usedAfterGcMb();
            report(decided, seconds, samples, heapStart, heapMax, heapEnd);
        }
    }

    /** The {@code drain} mode: returns once every signal on the topic is decided, or the timeout passed. */
    static void drain(Args args) throws Exception {
        String bootstrap = args.kafkaBootstrap();
        String group = group(args);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(args.bounded("timeout", 600, 1, 7200));
        args.checkAllRead();
        try (ConsumerLag lag = new ConsumerLag(bootstrap, Topics.ALERT_SIGNALS, group)) {
            ConsumerLag.Position now = awaitDecided(lag, deadline);
            System.out.printf("drain lag=%d after %.0f s%n", now.lag(), (System.nanoTime() - start) / 1e9);
        }
    }

    private static ConsumerLag.Position awaitDecided(ConsumerLag lag, long deadline) throws Exception {
        ConsumerLag.Position now = lag.position();
        while (now.lag() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            now = lag.position();
        }
        return now;
    }

    private static String group(Args args) {
        return args.string("group", "alert-ingest");
    }

    private void produce() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        long start = System.nanoTime();
        Instant startsAt = Instant.now();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            for (long i = 0; i < signals && !Thread.currentThread().isInterrupted(); i++) {
                // The intake's own record mapping: keyed by dedup key, CloudEvents binary-mode headers.
                producer.send(CloudEventRecords.toRecord(signal((int) (i % keys), startsAt), SOURCE, Instant.now()));
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("produced %d signals in %.1f s (%.0f/s)%n", signals, seconds, signals / seconds);
    }

    private AlertSignalReceived signal(int k, Instant startsAt) {
        Map<String, String> labels = Payloads.labels(k, run);
        return new AlertSignalReceived(UUID.randomUUID(), run + "-" + k, SignalAction.TRIGGER, "bench",
                Payloads.summary(k), labels.get("severity"), labels, Map.of("summary", Payloads.summary(k)),
                startsAt, null, null, "alertmanager-v2", Instant.now());
    }

    private void report(long decided, double seconds, List<double[]> samples, double heapStart, double heapMax,
            double heapEnd) throws Exception {
        String gc = heap.collectsFirst() ? "after full GC" : "no GC forced";
        System.out.printf("decided %d signals in %.1f s: %.0f signals/s overall, %.0f signals/s steady (10%%-90%%)%n",
                decided, seconds, decided / seconds, steadyRate(samples, decided));
        System.out.printf("alert-ingest heap MB: start %.0f (%s), max during %.0f, end %.0f (%s)%n",
                heapStart, gc, heapMax, heapEnd, gc);
        long[] alerts = countAlerts();
        System.out.printf("alerts of run %s: %d (%d open); expected %d: %s%n", run, alerts[0], alerts[1],
                Math.min(keys, signals), alerts[0] == Math.min(keys, signals) ? "OK" : "MISMATCH");
        System.out.printf("result signals_per_s=%.0f steady_per_s=%.0f decided=%d seconds=%.1f heap_start_mb=%.0f"
                        + " heap_max_mb=%.0f heap_end_mb=%.0f alerts=%d expected=%d%n", decided / seconds,
                steadyRate(samples, decided), decided, seconds, heapStart, heapMax, heapEnd, alerts[0],
                Math.min(keys, signals));
    }

    /**
     * Signals/s between 10% and 90% of the signals decided, leaving out start-up and the tail. The
     * consumer commits offsets every few seconds, so under 20 s between those points it is NaN.
     */
    private static double steadyRate(List<double[]> samples, long decided) {
        double[] from = null;
        double[] to = null;
        for (double[] sample : samples) {
            if (from == null && sample[1] >= 0.1 * decided) {
                from = sample;
            }
            if (to == null && sample[1] >= 0.9 * decided) {
                to = sample;
            }
        }
        return from == null || to == null || to[0] - from[0] < 20 ? Double.NaN : (to[1] - from[1]) / (to[0] - from[0]);
    }

    private long[] countAlerts() throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                PreparedStatement query = db.prepareStatement("select count(*), count(*) filter (where status = 'OPEN')"
                        + " from ingest.alerts where labels ->> 'bench_run' = ?")) {
            query.setString(1, run);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return new long[] {rows.getLong(1), rows.getLong(2)};
            }
        }
    }
}
