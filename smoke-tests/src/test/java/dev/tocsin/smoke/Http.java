package dev.tocsin.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.events.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;

/** A small JSON-over-HTTP client for talking to the services as a user or a monitoring system would. */
final class Http {

    record Response(int status, String body) {
        JsonNode json() {
            try {
                return EventJson.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static Response get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** A read of the management API, which needs a token: the viewer's, or the admin's. */
    static Response get(String url, String bearer) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer).GET());
    }

    /**
     * {@link #send}, again while the answer is the 400 of a person or service the directory does not
     * know yet: one escalation-service just saved reaches the other services within seconds, as
     * {@code ./tocsin up} waits for too.
     */
    static Response sendOnceKnown(String method, String url, String bearer, String json) {
        return Awaitility.await(method + " " + url + " once the directory knows what it names")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> send(method, url, bearer, json),
                        r -> !(r.status() == 400 && r.body().contains("of the directory")));
    }

    static Response delete(String url, String bearer) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer).DELETE());
    }

    static Response send(String method, String url, String bearer, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request);
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
