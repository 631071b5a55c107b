package dev.tocsin.ingest.key;

import java.time.Instant;

/**
 * A monitoring system's credential; it belongs to one service. The secret itself is never stored.
 *
 * @param rateLimitPerMinute this key's own request limit; null means the service-wide default
 * @param signing how requests with this key are signed (Grafana's HMAC); null when they are not
 */
public record IntegrationKey(String id, String service, String name, Instant createdAt, Instant revokedAt,
        Integer rateLimitPerMinute, Signing signing) {

    /** A key without a rate-limit override or signing. */
    public IntegrationKey(String id, String service, String name, Instant createdAt, Instant revokedAt) {
        this(id, service, name, createdAt, revokedAt, null, null);
    }

    /**
     * How a sender signs its requests: an HMAC-SHA256 secret, the header carrying the signature and,
     * when the sender adds one, the header carrying the signed Unix timestamp.
     */
    public record Signing(String secret, String header, String timestampHeader) {

        /** Never prints the secret, so a logged key gives nothing away. */
        @Override
        public String toString() {
            return "Signing[header=" + header + ", timestampHeader=" + timestampHeader + "]";
        }
    }
}
