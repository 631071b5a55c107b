package dev.tocsin.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * alert-ingest's used heap, read from its Prometheus metrics ({@code jvm_memory_used_bytes} of
 * every heap pool, summed). When the process id is known, a full GC ({@code jcmd PID GC.run}) can
 * come first, so that two readings compare live data rather than garbage not yet collected.
 */
final class IngestHeap {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI metrics;
    private final String pid;

    IngestHeap(String metricsUrl, String pid) {
        this.metrics = Args.loopback(metricsUrl);
        this.pid = pid;
    }

    /** Used heap in MB, or -1 when the metrics could not be read. */
    double usedMb() {
        try {
            String body = client.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double bytes = body.lines()
                    .filter(line -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
            return bytes / (1024 * 1024);
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Used heap in MB right after a full GC; a plain reading when the process id is unknown. */
    double usedAfterGcMb() throws InterruptedException {
        if (pid != null) {
            try {
                Process gc = new ProcessBuilder("jcmd", pid, "GC.run").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!gc.waitFor(60, TimeUnit.SECONDS)) {
                    gc.destroyForcibly();
                }
            } catch (IOException e) {
                System.err.println("jcmd GC.run failed: " + e.getMessage());
            }
        }
        return usedMb();
    }

    boolean collectsFirst() {
        return pid != null;
    }
}
