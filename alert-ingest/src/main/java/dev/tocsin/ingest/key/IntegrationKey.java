package dev.tocsin.ingest.key;

import java.time.Instant;

/** A monitoring system's credential; it belongs to one service. The secret itself is never stored. */
public record IntegrationKey(String id, String service, String name, Instant createdAt, Instant revokedAt) {
}
