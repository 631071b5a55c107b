package dev.tocsin.testing.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Sends a corpus to a running service, one request at a time, and collects every bad answer with
 * the request it answered, so one run shows everything that is wrong instead of the first thing.
 */
public final class CorpusRun {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Every bad answer, and how many answers of each status came back (for the report). */
    public record Result(List<String> failures, Map<Integer, Integer> statuses) {
    }

    private CorpusRun() {
    }

    /** Sends each request with the headers {@code credentials} gives for it (a bearer token, an integration key). */
    public static Result send(URI base, List<BadRequest> corpus, Function<BadRequest, Map<String, String>> credentials,
            Predicate<BadRequest> ownErrorFormat) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (BadRequest request : corpus) {
            HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(base.toString() + request.target()))
                    .timeout(TIMEOUT)
                    .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            if (request.contentType() != null) {
                http.header("Content-Type", request.contentType());
            }
            http.header("Accept", request.accept() != null ? request.accept() : "application/json, application/problem+json");
            credentials.apply(request).forEach(http::header);
            try {
                HttpResponse<byte[]> response = exchange(client, http.build());
                String body = new String(response.body(), StandardCharsets.UTF_8);
                statuses.merge(response.statusCode(), 1, Integer::sum);
                if (response.statusCode() < 300) {
                    // A success to a bad request is rare and worth seeing when state changed after the run.
                    System.out.println("corpus: " + request + " answered " + response.statusCode());
                }
                Verdict.judge(request, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), body,
                                ownErrorFormat.test(request))
                        .ifPresent(why -> failures.add(request + " -> " + why + ": " + shorten(body)));
            } catch (IOException e) {
                failures.add(request + " -> no answer: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return new Result(List.copyOf(failures), statuses);
    }

    /** Sends once more on a fresh connection when the server closed a kept-alive one (after a 414, say). */
    private static HttpResponse<byte[]> exchange(HttpClient client, HttpRequest request)
            throws IOException, InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException closed) {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    private static String shorten(String body) {
        String flat = body.replace('\n', ' ');
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
