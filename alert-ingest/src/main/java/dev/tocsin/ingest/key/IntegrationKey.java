package dev.tocsin.ingest.key;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A monitoring system's credential. It belongs to one service and speaks for the services it names:
 * its own by default, or a list when one sender (a Prometheus serving many teams) posts for several.
 * The secret itself is never stored.
 *
 * @param services the services this key may post alerts for; always includes {@code service}
 * @param rateLimitPerMinute this key's own request limit; null means the service-wide default
 * @param signing how requests with this key are signed (Grafana's HMAC); null when they are not
 */
public record IntegrationKey(String id, String service, List<String> services, String name, Instant createdAt,
        Instant revokedAt, Integer rateLimitPerMinute, Signing signing) {

    public IntegrationKey {
        services = withOwn(service, services);
    }

    /** A key for its own service only. */
    public IntegrationKey(String id, String service, String name, Instant createdAt, Instant revokedAt,
            Integer rateLimitPerMinute, Signing signing) {
        this(id, service, List.of(service), name, createdAt, revokedAt, rateLimitPerMinute, signing);
    }

    /** A key for its own service only, without a rate-limit override or signing. */
    public IntegrationKey(String id, String service, String name, Instant createdAt, Instant revokedAt) {
        this(id, service, name, createdAt, revokedAt, null, null);
    }

    /** Whether this key may post alerts for that service. */
    public boolean speaksFor(String otherService) {
        return services.contains(otherService);
    }

    /** The own service first, then the others in the order given, without repeats. */
    static List<String> withOwn(String service, List<String> services) {
        List<String> all = new ArrayList<>();
        if (service != null) {
            all.add(service);
        }
        if (services != null) {
            services.stream().filter(s -> s != null && !all.contains(s)).forEach(all::add);
        }
        return List.copyOf(all);
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
