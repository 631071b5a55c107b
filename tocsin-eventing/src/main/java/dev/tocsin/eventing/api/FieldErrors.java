package dev.tocsin.eventing.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every invalid field of a request before answering, so a caller fixes its document in
 * one round instead of one error at a time. Nothing is written while any error is collected.
 */
public final class FieldErrors {

    private final List<Problem.FieldError> errors = new ArrayList<>();
    private final FieldErrors parent;
    private final String prefix;

    public FieldErrors() {
        this(null, "");
    }

    private FieldErrors(FieldErrors parent, String prefix) {
        this.parent = parent;
        this.prefix = prefix;
    }

    public FieldErrors add(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
        if (parent != null) {
            parent.add(prefix + field, message);
        }
        return this;
    }

    /**
     * Errors of one part of a larger document: each added here is also added to this collector
     * under {@code path} ({@code serviceProfiles[2]} + {@code slos[0].objective}).
     */
    public FieldErrors under(String path) {
        return new FieldErrors(this, path + ".");
    }

    public int size() {
        return errors.size();
    }

    /** Throws a 400 problem naming every collected field; does nothing when there is none. */
    public void throwIfAny() {
        if (errors.isEmpty()) {
            return;
        }
        throw ProblemException.badRequest(List.copyOf(errors));
    }
}
