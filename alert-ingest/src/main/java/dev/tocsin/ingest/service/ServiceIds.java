package dev.tocsin.ingest.service;

import dev.tocsin.eventing.api.FieldErrors;
import java.util.regex.Pattern;

/** The one form of a service id, shared by profiles, maintenance windows and integration keys. */
public final class ServiceIds {

    public static final String PATTERN = "[a-z0-9][a-z0-9-]{0,62}";
    private static final Pattern ID = Pattern.compile(PATTERN);

    private ServiceIds() {
    }

    public static boolean valid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Adds an error under {@code field} unless {@code id} is a service id. */
    public static void check(String id, String field, FieldErrors errors) {
        if (!valid(id)) {
            errors.add(field, "must be a service id like checkout (" + PATTERN + ")");
        }
    }
}
