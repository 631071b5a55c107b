package dev.tocsin.escalation.store;

/**
 * The statements of one table of JSON documents ({@code id}, {@code body}, {@code updated_at}),
 * each written out in full by the store that owns the table, so every statement Tocsin runs can be
 * found by its text.
 *
 * @param put creates or replaces ($1 id, $2 body, $3 time); answers whether it created
 *     ({@code xmax = 0}: a row this statement inserted has no xmax yet, one it updated carries this transaction's)
 * @param get ({@code id}, body as text) of the ids in the array $1
 * @param existing the ids of the array $1 that exist
 * @param list bodies in id order after the id $1 (null: from the start), $2 rows at most
 * @param delete the row of id $1
 */
public record DocumentTable<T>(Class<T> type, String put, String get, String existing, String list, String delete) {
}
