package dev.tocsin.bench;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * Posts request bodies over {@code connections} HTTP/1.1 keep-alive connections, either as fast as {@code connections}
 * concurrent requests allow (closed loop, for throughput) or open loop at a steady alert rate.
 * Open loop gives request {@code i} the intended send time {@code start + i/rate} and measures its
 * latency from that time, not from when a connection was free, so a stall shows in the latency of
 * every request it delayed (no coordinated omission), as long as the connections suffice for the
 * rate: a run needs about {@code rate/batch * latency} of them.
 */
final class HttpLoad {

    private static final long MAX_LATENCY_NS = TimeUnit.SECONDS.toNanos(60);
    /**
     * How long after the end an open-loop run may go on sending requests it fell behind on; the
     * rest count as unsent, so a target that cannot keep up does not stretch the run without bound.
     */
    private static final long GRACE_NS = TimeUnit.SECONDS.toNanos(10);

    private final URI uri;
    /** Each body as the whole request on the wire, prepared before the clock starts. */
    private final byte[][] requests;
    /** Requests of alerts never sent before, instead of cycling {@link #requests}: {@code --identities new}. */
    private final FreshRequests fresh;
    private final String mode;
    private final int batch;
    private final long rate;
    private final int connections;
    private final long warmupNs;
    private final long durationNs;
    private final long maxAlerts;

    private HttpLoad(String mode, Args args, Payloads payloads, int batch, boolean fresh) {
        this.mode = mode;
        this.batch = batch;
        this.uri = Args.loopback(args.string("url", "http://127.0.0.1:8081") + payloads.path);
        String key = args.string("key", null);
        this.requests = new byte[payloads.size()][];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = Http1Connection.post(uri, key == null ? null : "Bearer " + key, payloads.get(i));
        }
        this.fresh = fresh ? new FreshRequests(requests[0], batch) : null;
        this.rate = args.bounded("rate", 0, 0, 1_000_000);
        this.connections = (int) args.bounded("connections", 16, 1, 512);
        this.warmupNs = TimeUnit.SECONDS.toNanos(args.bounded("warmup", 3, 0, 120));
        this.durationNs = TimeUnit.SECONDS.toNanos(args.bounded("duration", 10, 1, 600));
        this.maxAlerts = args.bounded("max-alerts", 0, 0, 100_000_000);
        args.checkAllRead();
    }

    static HttpLoad alertmanager(Args args) {
        int batch = (int) args.bounded("batch", 1, 1, 10_000);
        if ("new".equals(args.string("identities", null))) {
            return new HttpLoad("am-v2", args, Payloads.alertmanagerTemplate(batch, run(args)), batch, true);
        }
        Payloads payloads = Payloads.alertmanager(batch, identities(args), run(args));
        return new HttpLoad("am-v2", args, payloads, batch, false);
    }

    static HttpLoad pagerDuty(Args args) {
        Payloads payloads = Payloads.pagerDuty(identities(args), run(args), args.string("key", "bench"));
        return new HttpLoad("pagerduty", args, payloads, 1, false);
    }

    private static int identities(Args args) {
        return (int) args.bounded("identities", 10_000, 1, 10_000_000);
    }

    private static String run(Args args) {
        return args.string("run", "run-" + UUID.randomUUID().toString().substring(0, 8));
    }

    void run() throws InterruptedException {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long measureFrom = start + warmupNs;
        long end = measureFrom + durationNs;
        AtomicLong next = new AtomicLong();
        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Worker worker = new Worker(next, start, measureFrom, end);
            workers.add(worker);
            Thread thread = new Thread(worker, "load-" + c);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        // Past the grace period no request starts, and one already started times out after 30 s.
        long joinBy = end + GRACE_NS + TimeUnit.SECONDS.toNanos(35);
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinBy - System.nanoTime())));
        }
        report(workers, measureFrom);
    }

    private void report(List<Worker> workers, long measureFrom) {
        Histogram latency = new Histogram(MAX_LATENCY_NS, 3);
        Map<String, Long> errors = new TreeMap<>();
        long requests = 0;
        long accepted = 0;
        long lastDone = measureFrom;
        for (Worker worker : workers) {
            latency.add(worker.latency);
            worker.errors.forEach((outcome, n) -> errors.merge(outcome, n, Long::sum));
            requests += worker.sent;
            accepted += worker.acceptedAlerts;
            lastDone = Math.max(lastDone, worker.lastDone);
        }
        double seconds = Math.max(1e-9, (lastDone - measureFrom) / 1e9);
        long errorCount = errors.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("%s %s batch=%d connections=%d %s%s measured=%.1fs%n", mode, uri, batch, connections,
                fresh != null ? "new-alerts " : "",
                rate > 0 ? "open-loop rate=" + rate + " alerts/s" : "max-throughput", seconds);
        System.out.printf("requests %d, alerts accepted %d, errors %s%n", requests, accepted, errors);
        System.out.printf("accepted alerts/s %.0f%n", accepted / seconds);
        System.out.printf("accept latency ms: p50 %s  p90 %s  p99 %s  p99.9 %s  max %s%n", ms(latency, 50),
                ms(latency, 90), ms(latency, 99), ms(latency, 99.9), ms(latency, 100));
        // One line for scripts: bench/ingest-load.sh reads it into its table.
        System.out.printf("result alerts_per_s=%.0f p50_ms=%s p90_ms=%s p99_ms=%s p999_ms=%s max_ms=%s"
                        + " requests=%d accepted=%d errors=%d failures=%s%n", accepted / seconds, ms(latency, 50),
                ms(latency, 90), ms(latency, 99), ms(latency, 99.9), ms(latency, 100), requests, accepted, errorCount,
                errors.isEmpty() ? "none" : errors.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                        .collect(Collectors.joining(",")));
    }

    private static String ms(Histogram histogram, double percentile) {
        if (histogram.getTotalCount() == 0) {
            return "NA";
        }
        long ns = percentile >= 100 ? histogram.getMaxValue() : histogram.getValueAtPercentile(percentile);
        return String.format("%.2f", ns / 1e6);
    }

    /** One connection's loop; its figures are read after its thread ended. */
    private final class Worker implements Runnable {

        final Histogram latency = new Histogram(MAX_LATENCY_NS, 3);
        final Map<String, Long> errors = new TreeMap<>();
        long sent;
        long acceptedAlerts;
        long lastDone;
        private final AtomicLong next;
        private final long start;
        private final long measureFrom;
        private final long end;

        Worker(AtomicLong next, long start, long measureFrom, long end) {
            this.next = next;
            this.start = start;
            this.measureFrom = measureFrom;
            this.end = end;
        }

        @Override
        public void run() {
            try (Http1Connection connection = new Http1Connection(uri)) {
                loop(connection);
            }
        }

        private void loop(Http1Connection connection) {
            while (true) {
                long i = next.getAndIncrement();
                if (maxAlerts > 0 && i * batch >= maxAlerts) {
                    return;
                }
                long intended = rate > 0 ? start + (long) (i * 1e9 * batch / rate) : Math.max(start, System.nanoTime());
                if (intended >= end) {
                    return;
                }
                if (rate > 0 && System.nanoTime() > end + GRACE_NS) {
                    if (intended >= measureFrom) {
                        sent++;
                        errors.merge("unsent", 1L, Long::sum);
                    }
                    continue;
                }
                for (long wait; (wait = intended - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(wait);
                }
                byte[] request = fresh != null ? fresh.get(i) : requests[(int) (i % requests.length)];
                String outcome;
                try {
                    int status = connection.send(request);
                    outcome = status / 100 == 2 ? null : String.valueOf(status);
                } catch (IOException e) {
                    outcome = "io:" + e.getClass().getSimpleName();
                }
                long done = System.nanoTime();
                if (intended < measureFrom) {
                    continue;
                }
                sent++;
                lastDone = done;
                if (outcome == null) {
                    acceptedAlerts += batch;
                    latency.recordValue(Math.min(done - intended, MAX_LATENCY_NS));
                } else {
                    errors.merge(outcome, 1L, Long::sum);
                }
            }
        }
    }
}
