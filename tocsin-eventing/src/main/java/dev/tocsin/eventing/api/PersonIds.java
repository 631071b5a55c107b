package dev.tocsin.eventing.api;

import java.util.regex.Pattern;

/**
 * The one form of a person's (user's) id. escalation-service refuses users, schedule participants
 * and policy targets that do not have it, and notifier-service refuses contact methods for such an
 * id, so no contact method can exist for a person escalation could never page.
 */
public final class PersonIds {

    public static final String PATTERN = "[a-z0-9][a-z0-9._-]{0,62}";
    public static final String RULE = "must be a user id like alice or j.doe (" + PATTERN + ")";
    private static final Pattern ID = Pattern.compile(PATTERN);

    private PersonIds() {
    }

    public static boolean valid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Adds an error under {@code field} unless {@code id} is a person id. */
    public static void check(String id, String field, FieldErrors errors) {
        if (!valid(id)) {
            errors.add(field, RULE);
        }
    }
}
