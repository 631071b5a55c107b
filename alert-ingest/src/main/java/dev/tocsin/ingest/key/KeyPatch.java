package dev.tocsin.ingest.key;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.ingest.service.ServiceIds;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A JSON merge patch (RFC 7396) of a key's settings: a member left out keeps its value, a member set
 * to null takes its default (no own rate limit, no signing), a value replaces it. The service and
 * the secret cannot change: a key for another service, or a new secret, is a new key.
 */
final class KeyPatch {

    static final int MAX_RATE_LIMIT = 1_000_000;
    static final int MAX_NAME = 200;
    static final int MAX_SERVICES = 100;
    static final int MIN_SIGNING_SECRET = 16;
    static final int MAX_SIGNING_SECRET = 200;
    private static final Set<String> MEMBERS = Set.of("name", "services", "rateLimitPerMinute", "signingSecret",
            "signatureHeader", "timestampHeader");

    private KeyPatch() {
    }

    /** The key with the patch applied; a 400 naming every wrong member when the patch is invalid. */
    static IntegrationKey apply(IntegrationKey key, JsonNode patch) {
        FieldErrors errors = new FieldErrors();
        if (patch == null || !patch.isObject()) {
            errors.add("$", "must be a JSON object of the settings to change").throwIfAny();
        }
        for (Iterator<String> names = patch.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                errors.add(name, name.equals("service") || name.equals("key")
                        ? "cannot change; create a new key and revoke this one"
                        : "is not a setting of a key; settings are " + String.join(", ", MEMBERS.stream().sorted().toList()));
            }
        }
        String name = key.name();
        if (patch.has("name")) {
            JsonNode value = patch.get("name");
            if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > MAX_NAME) {
                errors.add("name", "must be a non-blank string of at most " + MAX_NAME + " characters");
            } else {
                name = value.asText();
            }
        }
        Integer limit = key.rateLimitPerMinute();
        if (patch.has("rateLimitPerMinute")) {
            JsonNode value = patch.get("rateLimitPerMinute");
            if (value.isNull()) {
                limit = null;
            } else if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1
                    || value.asInt() > MAX_RATE_LIMIT) {
                errors.add("rateLimitPerMinute", "must be an integer from 1 to " + MAX_RATE_LIMIT + ", or null for the default");
            } else {
                limit = value.asInt();
            }
        }
        List<String> services = services(key, patch, errors);
        IntegrationKey.Signing signing = signing(key.signing(), patch, errors);
        errors.throwIfAny();
        return new IntegrationKey(key.id(), key.service(), services, name, key.createdAt(), key.revokedAt(), limit,
                signing);
    }

    /** The services the key may post for: null restores its own service alone. */
    private static List<String> services(IntegrationKey key, JsonNode patch, FieldErrors errors) {
        if (!patch.has("services")) {
            return key.services();
        }
        JsonNode value = patch.get("services");
        if (value.isNull()) {
            return List.of(key.service());
        }
        if (!value.isArray() || value.size() > MAX_SERVICES) {
            errors.add("services", "must be an array of at most " + MAX_SERVICES + " service ids, or null for the "
                    + "key's own service alone");
            return key.services();
        }
        List<String> services = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode service = value.get(i);
            if (service.isTextual() && ServiceIds.valid(service.asText())) {
                services.add(service.asText());
            } else {
                errors.add("services[" + i + "]", "must be a service id like checkout (" + ServiceIds.PATTERN + ")");
            }
        }
        return services;
    }

    private static IntegrationKey.Signing signing(IntegrationKey.Signing current, JsonNode patch, FieldErrors errors) {
        String secret = current == null ? null : current.secret();
        String header = current == null ? null : current.header();
        String timestampHeader = current == null ? null : current.timestampHeader();
        if (patch.has("signingSecret")) {
            JsonNode value = patch.get("signingSecret");
            if (value.isNull()) {
                secret = null;
                header = null;
                timestampHeader = null;
            } else if (!value.isTextual() || value.asText().length() < MIN_SIGNING_SECRET
                    || value.asText().length() > MAX_SIGNING_SECRET) {
                errors.add("signingSecret", "must be a string of " + MIN_SIGNING_SECRET + " to " + MAX_SIGNING_SECRET
                        + " characters, or null to stop verifying signatures");
            } else {
                secret = value.asText();
            }
        }
        header = header(patch, "signatureHeader", header, errors);
        timestampHeader = header(patch, "timestampHeader", timestampHeader, errors);
        checkSigning(secret, header, timestampHeader, errors);
        return secret == null ? null : new IntegrationKey.Signing(secret, header, timestampHeader);
    }

    /** A signature or timestamp header means nothing without the secret that signs. */
    static void checkSigning(String secret, String header, String timestampHeader, FieldErrors errors) {
        if (secret == null && (header != null || timestampHeader != null)) {
            errors.add("signingSecret", "is required when a signature or timestamp header is set");
        }
    }

    private static String header(JsonNode patch, String member, String current, FieldErrors errors) {
        if (!patch.has(member)) {
            return current;
        }
        JsonNode value = patch.get(member);
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual() || !value.asText().matches(IntegrationKeyResource.HEADER)) {
            errors.add(member, "must be an HTTP header name, or null for the default");
            return current;
        }
        return value.asText();
    }
}
