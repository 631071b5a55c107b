package dev.tocsin.incident.rebuild;

/**
 * What a projection rebuild did.
 *
 * @param recordsReplayed records read back from the topics
 * @param entries timeline entries afterwards
 * @param pages pages afterwards
 */
public record RebuildResult(long recordsReplayed, long entries, long pages) {
}
