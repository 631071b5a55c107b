package dev.tocsin.eventing.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every invalid field of a request before answering, so a caller fixes its document in
 * one round instead of one error at a time. Nothing is written while any error is collected.
 */
public final class FieldErrors {

    private final List<Problem.FieldError> errors = new ArrayList<>();

    public FieldErrors add(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
        return this;
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
