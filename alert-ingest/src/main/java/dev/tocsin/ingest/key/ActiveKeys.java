package dev.tocsin.ingest.key;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tocsin.ingest.intake.IntakeConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Answers "which active key is this?" on the intake hot path without a PostgreSQL round trip per
 * request: lookups are kept for a few seconds in bounded caches. Known keys and unknown secrets are
 * kept apart, so a flood of wrong secrets can evict only other wrong secrets, never a valid key.
 * Revoking or creating a key on this replica takes effect here at once; another replica may honour
 * a just-revoked key (or refuse a just-created one) until its entry expires, at most the TTL. When
 * the store cannot answer within the lookup timeout, the lookup fails with {@link KeyLookupUnavailable}.
 */
@ApplicationScoped
public class ActiveKeys {

    private final Function<String, Uni<Optional<IntegrationKey>>> lookup;
    private final Duration timeout;
    private final Cache<String, IntegrationKey> known;
    private final Cache<String, Boolean> unknown;

    @Inject
    ActiveKeys(IntegrationKeys keys, IntakeConfig config) {
        this(keys::findActiveByHash, config.keyCache().ttl(),
                config.keyCache().maxSize(), config.keyCache().unknownMaxSize(), config.keyLookupTimeout());
    }

    /** @param lookup finds the active key by the hash of its secret */
    ActiveKeys(Function<String, Uni<Optional<IntegrationKey>>> lookup, Duration ttl, long maxKnown, long maxUnknown,
            Duration timeout) {
        this.lookup = lookup;
        this.timeout = timeout;
        this.known = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxKnown).executor(Runnable::run).build();
        this.unknown = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxUnknown).executor(Runnable::run)
                .build();
    }

    /** The active key with this secret, if any; asks the database on the pool when it must. */
    public Uni<Optional<IntegrationKey>> find(String secret) {
        String hash = IntegrationKeys.hash(secret);
        IntegrationKey cached = known.getIfPresent(hash);
        if (cached != null) {
            return Uni.createFrom().item(Optional.of(cached));
        }
        if (unknown.getIfPresent(hash) != null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Uni.createFrom().deferred(() -> lookup.apply(hash))
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("the key store did not answer within "
                        + timeout))
                .onFailure().transform(KeyLookupUnavailable::new)
                .invoke(found -> found.ifPresentOrElse(key -> known.put(hash, key), () -> unknown.put(hash, true)));
    }

    /** Forgets a revoked or changed key, so this replica stops honouring it now. */
    public void forget(String keyId) {
        known.asMap().values().removeIf(key -> key.id().equals(keyId));
    }

    /** Forgets what is known of a secret, e.g. that it was unknown before a key with it was created. */
    public void forgetSecret(String secret) {
        String hash = IntegrationKeys.hash(secret);
        known.invalidate(hash);
        unknown.invalidate(hash);
    }
}
