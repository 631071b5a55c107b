package dev.tocsin.testing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.testing.api.OpenApiOperations.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Calls every operation a running service declares in its OpenAPI document with a given
 * credential and collects every answer that breaks the access rules of docs/security.md: the
 * proof that no endpoint of the management API ({@code /api/v1}) answers a caller without the
 * right API token, and that none is missing from the check. Path ids are placeholders and a body,
 * where one is declared, is an empty JSON object: the role check comes before either is read.
 */
public final class AccessWalk {

    /** The management API; every other path is intake, authenticated by integration keys. */
    public static final String MANAGEMENT = "/api/v1/";
    /** Where each service's tests put an endpoint that declares no access (hidden from OpenAPI). */
    public static final String PROBE = "/api/v1/access-probe";
    /**
     * Reads only admin may make: parked records (dead letters) hold whole alerts and errors, and
     * are an operator's to see and retry; the list of API tokens says who holds which power
     * (escalation-service shows it to the bootstrap admin and to team admins); the configuration
     * document, and its versions, hold every contact address and are what only admin may apply; the
     * audit says who used which power when.
     */
    public static final List<String> ADMIN_READS = List.of("/api/v1/dead-letters", "/api/v1/tokens",
            "/api/v1/configuration", "/api/v1/audit");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final JsonNode document;
    private final List<Operation> operations;

    private AccessWalk(URI base, JsonNode document) {
        this.base = base;
        this.document = document;
        this.operations = OpenApiOperations.parse(document);
    }

    /** Reads the OpenAPI document of the service at {@code base}. */
    public static AccessWalk of(URI base) {
        return new AccessWalk(base, get(base.resolve("/q/openapi?format=json")));
    }

    public List<Operation> operations() {
        return operations;
    }

    public List<Operation> management() {
        return operations.stream().filter(op -> op.path().startsWith(MANAGEMENT)).toList();
    }

    public List<Operation> intake() {
        return operations.stream().filter(op -> !op.path().startsWith(MANAGEMENT)).toList();
    }

    /** One answer of the walk. */
    public record Answer(Operation operation, int status, String contentType, String challenge, String body) {

        @Override
        public String toString() {
            return operation + " answered " + status + " " + body;
        }
    }

    /** Calls {@code operation} with this {@code Authorization} header value (none when null). */
    public Answer call(Operation operation, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(operation.path(Map.of())))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (operation.requestMediaTypes().isEmpty()) {
            request.method(operation.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", operation.requestMediaTypes().get(0))
                    .method(operation.method(), HttpRequest.BodyPublishers.ofString("{}"));
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(operation, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("WWW-Authenticate").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(operation + " could not be called", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every management operation called with {@code authorization} must answer 401 problem+json
     * with a bearer challenge: what a caller without a valid API token gets, reads and changes alike.
     */
    public List<String> managementRefuses(String authorization) {
        List<String> problems = new ArrayList<>();
        for (Operation op : management()) {
            Answer answer = call(op, authorization);
            if (answer.status() != 401 || !answer.contentType().startsWith("application/problem+json")
                    || !answer.challenge().startsWith("Bearer")) {
                problems.add(answer + " (challenge '" + answer.challenge() + "'), not 401 problem+json with a Bearer"
                        + " challenge, for " + (authorization == null ? "no credential" : authorization));
            }
        }
        return problems;
    }

    /** {@link #managementRefuses(String)} for each of these {@code Authorization} values (null: none). */
    public List<String> managementRefusesEach(String... authorizations) {
        List<String> problems = new ArrayList<>();
        for (String authorization : authorizations) {
            problems.addAll(managementRefuses(authorization));
        }
        return problems;
    }

    /**
     * {@link #roleBounds} of the viewer token (may change nothing) and of the responder token (may
     * change only {@code responderMay}).
     */
    public List<String> lowerRoleBounds(Set<String> responderMay) {
        List<String> problems = new ArrayList<>(roleBounds(TestTokens.VIEWER, Set.of()));
        problems.addAll(roleBounds(TestTokens.RESPONDER, responderMay));
        return problems;
    }

    /**
     * The endpoint each service's tests add at {@link #PROBE}, which declares no access, must be
     * closed: 401 with a bearer challenge without a token, 403 problem+json saying so even to admin.
     */
    public List<String> undeclaredEndpointClosed() {
        Operation probe = new Operation("GET", PROBE, "", List.of(), List.of(), null, false);
        List<String> problems = new ArrayList<>();
        Answer anonymous = call(probe, null);
        if (anonymous.status() != 401 || !anonymous.challenge().startsWith("Bearer")) {
            problems.add(anonymous + " without a token, not 401 with a Bearer challenge");
        }
        Answer admin = call(probe, TestTokens.ADMIN);
        if (admin.status() != 403 || !admin.contentType().startsWith("application/problem+json")
                || !admin.body().contains("declares no access")) {
            problems.add(admin + " to admin, not 403 problem+json saying it declares no access");
        }
        return problems;
    }

    /**
     * With a token of a role below admin that may change nothing but {@code allowed} (operations as
     * {@code "POST /api/v1/pages/{id}/acknowledge"}): every other mutation and every {@link #ADMIN_READS}
     * read answers 403 problem+json naming a role, every other read and every allowed operation
     * anything but 401 and 403.
     */
    public List<String> roleBounds(String authorization, Set<String> allowed) {
        List<String> problems = new ArrayList<>();
        for (Operation op : management()) {
            boolean adminRead = ADMIN_READS.stream().anyMatch(prefix -> op.path().startsWith(prefix));
            boolean mayCall = (!op.mutates() && !adminRead) || allowed.contains(op.toString());
            Answer answer = call(op, authorization);
            if (mayCall && (answer.status() == 401 || answer.status() == 403)) {
                problems.add(answer + ", but this token may call it");
            } else if (!mayCall && (answer.status() != 403 || !answer.contentType().startsWith("application/problem+json")
                    || !answer.body().contains("role"))) {
                problems.add(answer + ", not 403 problem+json naming the role it needs");
            }
        }
        return problems;
    }

    /** The operations of {@code paths} whose declared security requirements do not name {@code scheme}. */
    public List<String> undeclared(List<Operation> paths, String scheme) {
        List<String> problems = new ArrayList<>();
        if (!document.path("components").path("securitySchemes").has(scheme)) {
            problems.add("the document declares no security scheme " + scheme);
        }
        for (Operation op : paths) {
            JsonNode security = document.path("paths").path(op.path()).path(op.method().toLowerCase(Locale.ROOT))
                    .path("security");
            boolean named = false;
            for (JsonNode requirement : security) {
                for (Iterator<String> names = requirement.fieldNames(); names.hasNext(); ) {
                    named |= names.next().equals(scheme);
                }
            }
            if (!named) {
                problems.add(op + " does not declare the security scheme " + scheme + ": " + security);
            }
        }
        return problems;
    }

    private static JsonNode get(URI uri) {
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri).header("Accept", "application/json")
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
