package dev.tocsin.eventing.rebuild;

import java.util.Map;

/**
 * What a projection rebuild did.
 *
 * @param events events read back (from the event store, or records from the topics)
 * @param rows the rows of each rebuilt table afterwards, by table name
 * @param millis how long it took
 */
public record Rebuilt(long events, Map<String, Long> rows, long millis) {
}
