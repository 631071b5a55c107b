package dev.tocsin.eventing;

import java.time.Instant;

/**
 * A piece of time-driven work: a module {@code kind}, the thing it is about ({@code ref}), when it
 * is due, a JSON payload, and how many times firing it has failed.
 */
public record Deadline(String kind, String ref, Instant dueAt, String payload, int attempts) {
}
