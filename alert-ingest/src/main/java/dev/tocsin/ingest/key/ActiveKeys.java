package dev.tocsin.ingest.key;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tocsin.ingest.intake.IntakeConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Answers "which active key is this?" on the intake hot path without a PostgreSQL round trip per
 * request: lookups, unknown secrets included, are kept for a few seconds in a bounded cache.
 * Revoking or creating a key on this replica takes effect here at once; another replica may honour
 * a just-revoked key (or refuse a just-created one) until its entry expires, at most the TTL.
 */
@ApplicationScoped
public class ActiveKeys {

    private final IntegrationKeys keys;
    private final Cache<String, Optional<IntegrationKey>> byHash;

    ActiveKeys(IntegrationKeys keys, IntakeConfig config) {
        this.keys = keys;
        this.byHash = Caffeine.newBuilder()
                .expireAfterWrite(config.keyCache().ttl())
                .maximumSize(config.keyCache().maxSize())
                .build();
    }

    /** The active key with this secret, if any; opens its own session when it must ask the database. */
    public Uni<Optional<IntegrationKey>> find(String secret) {
        String hash = IntegrationKeys.hash(secret);
        Optional<IntegrationKey> cached = byHash.getIfPresent(hash);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return Panache.withSession(() -> keys.findActiveByHash(hash)).invoke(found -> byHash.put(hash, found));
    }

    /** Forgets a revoked or changed key, so this replica stops honouring it now. */
    public void forget(String keyId) {
        byHash.asMap().values().removeIf(key -> key.filter(k -> k.id().equals(keyId)).isPresent());
    }

    /** Forgets what is known of a secret, e.g. that it was unknown before a key with it was created. */
    public void forgetSecret(String secret) {
        byHash.invalidate(IntegrationKeys.hash(secret));
    }
}
