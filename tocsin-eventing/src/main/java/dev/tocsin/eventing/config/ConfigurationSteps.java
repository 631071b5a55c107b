package dev.tocsin.eventing.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.Problem;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.config.ConfigurationDocument.Item;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.function.Supplier;

/**
 * The writes an apply makes, in order, each labelled with the document path it comes from. They
 * run one after another in the caller's transaction; a write the owner refuses (a 400 naming its
 * fields, a 409 naming who still refers to something) is recorded under that path and the rest
 * still run, so one answer names every refusal. The caller then rolls back if any was recorded.
 */
public final class ConfigurationSteps {

    private final List<Step> steps = new ArrayList<>();

    public void add(String path, Supplier<Uni<?>> write) {
        steps.add(new Step(path, write));
    }

    /** Adds a put for each item whose export would differ from the running one. */
    public <T> void putChanged(List<Item<T>> items, Map<String, JsonNode> running, Function<T, JsonNode> node,
            Function<Item<T>, Uni<?>> put) {
        for (Item<T> item : items) {
            if (!node.apply(item.value()).equals(running.get(item.key()))) {
                add(item.path(), () -> put.apply(item));
            }
        }
    }

    /** When the document lists the section, adds a delete for each running item it no longer lists. */
    public <T> void deleteAbsent(ConfigurationDocument document, String section, List<Item<T>> items,
            Map<String, JsonNode> running, Function<String, Uni<?>> delete) {
        if (document.has(section)) {
            Set<String> listed = items.stream().map(Item::key).collect(Collectors.toSet());
            running.keySet().stream().filter(key -> !listed.contains(key))
                    .forEach(key -> add(section, () -> delete.apply(key)));
        }
    }

    /** {@link #putChanged} and then {@link #deleteAbsent}: a section whose items name nothing of each other. */
    public <T> void sync(ConfigurationDocument document, String section, List<Item<T>> items,
            Map<String, JsonNode> running, Function<T, JsonNode> node, Function<T, Uni<?>> put,
            Function<String, Uni<?>> delete) {
        putChanged(items, running, node, item -> put.apply(item.value()));
        deleteAbsent(document, section, items, running, delete);
    }

    /**
     * Runs the writes; then a 400 naming every refusal, or the changes from {@code before} to the
     * part as {@code running} reads it afterwards, in the same transaction.
     */
    public Uni<List<ConfigurationChange>> runAndCompare(FieldErrors errors, Map<String, Map<String, JsonNode>> before,
            Supplier<Uni<Map<String, Map<String, JsonNode>>>> running) {
        return run(errors).chain(() -> {
            errors.throwIfAny();
            return running.get().map(after -> ConfigurationChange.between(before, after));
        });
    }

    public Uni<Void> run(FieldErrors errors) {
        return Multi.createFrom().iterable(steps)
                .onItem().transformToUniAndConcatenate(step -> Uni.createFrom().deferred(step.write)
                        .replaceWithVoid()
                        .onFailure(ProblemException.class).recoverWithItem(e -> {
                            record(step.path, ((ProblemException) e).problem(), errors);
                            return null;
                        })
                        .onFailure(ConstraintViolationException.class).recoverWithItem(e -> {
                            ((ConstraintViolationException) e).getConstraintViolations()
                                    .forEach(v -> errors.add(step.path + "." + parameterPath(v), v.getMessage()));
                            return null;
                        })
                        .replaceWith(true))
                .collect().last().replaceWithVoid();
    }

    /** Records an owner's refusal under the item's path: its fields under the path, else its detail at it. */
    public static void record(String path, Problem problem, FieldErrors errors) {
        if (problem.errors() == null || problem.errors().isEmpty()) {
            errors.add(path, problem.detail());
        } else {
            problem.errors().forEach(error -> errors.add(path + "." + error.field(), error.message()));
        }
    }

    /**
     * The items that pass bean validation, the annotations of the owner's {@code PUT} body; each
     * violation is named by its document path ({@code policies[0].steps[1].targets}).
     */
    public static <T> List<Item<T>> valid(List<Item<T>> items, Validator validator, FieldErrors errors) {
        List<Item<T>> valid = new ArrayList<>();
        for (Item<T> item : items) {
            Set<ConstraintViolation<T>> violations = validator.validate(item.value());
            violations.stream().sorted((a, b) -> a.getPropertyPath().toString().compareTo(b.getPropertyPath().toString()))
                    .forEach(v -> errors.add(item.path() + "." + v.getPropertyPath(), v.getMessage()));
            if (violations.isEmpty()) {
                valid.add(item);
            }
        }
        return valid;
    }

    private static String parameterPath(ConstraintViolation<?> violation) {
        // A method's violation path starts with the method and parameter names; the document knows neither.
        String[] parts = violation.getPropertyPath().toString().split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }

    private record Step(String path, Supplier<Uni<?>> write) {
    }
}
