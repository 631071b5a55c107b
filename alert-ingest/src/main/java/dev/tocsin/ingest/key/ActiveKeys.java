package dev.tocsin.ingest.key;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.tocsin.ingest.intake.IntakeConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Answers "which active key is this?" on the intake hot path without a PostgreSQL round trip per
 * request: lookups are kept for a few seconds in bounded caches. Known keys and unknown secrets are
 * kept apart, so a flood of wrong secrets can evict only other wrong secrets, never a valid key.
 * A key in use is looked up again in the background once the TTL has passed, while requests go on
 * being answered from the cache, so a busy database delays no request of a key in use; while the
 * database does not answer, the key goes on working up to the stale limit. The requests that find
 * nothing cached share one lookup per secret. Revoking or creating a key on this replica takes
 * effect here at once; another replica may honour a just-revoked key (or refuse a just-created
 * one) for about the TTL, or up to the stale limit while its database does not answer. When the
 * store cannot answer a lookup within the lookup timeout, it fails with {@link KeyLookupUnavailable}.
 */
@ApplicationScoped
public class ActiveKeys {

    private final AsyncLoadingCache<String, IntegrationKey> known;
    private final Cache<String, Boolean> unknown;

    @Inject
    ActiveKeys(IntegrationKeys keys, IntakeConfig config) {
        this(keys::findActiveByHash, config.keyCache().ttl(), config.keyCache().staleLimit(),
                config.keyCache().maxSize(), config.keyCache().unknownMaxSize(), config.keyLookupTimeout(),
                Ticker.systemTicker());
    }

    /** @param lookup finds the active key by the hash of its secret */
    ActiveKeys(Function<String, Uni<Optional<IntegrationKey>>> lookup, Duration ttl, Duration staleLimit,
            long maxKnown, long maxUnknown, Duration timeout, Ticker ticker) {
        this.known = Caffeine.newBuilder().refreshAfterWrite(ttl).expireAfterWrite(staleLimit.compareTo(ttl) > 0
                        ? staleLimit : ttl.plusNanos(1))
                .maximumSize(maxKnown).executor(Runnable::run).ticker(ticker)
                .buildAsync((hash, executor) -> lookup.apply(hash)
                        .ifNoItem().after(timeout)
                        .failWith(() -> new TimeoutException("the key store did not answer within " + timeout))
                        .map(found -> found.orElse(null))
                        .subscribeAsCompletionStage());
        this.unknown = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxUnknown).executor(Runnable::run)
                .ticker(ticker).build();
    }

    /** The active key with this secret, if any; asks the database on the pool when it must. */
    public Uni<Optional<IntegrationKey>> find(String secret) {
        String hash = IntegrationKeys.hash(secret);
        if (unknown.getIfPresent(hash) != null) {
            return Uni.createFrom().item(Optional.empty());
        }
        // A copy, so a request that goes away cancels only its own wait, not the lookup others share.
        CompletableFuture<IntegrationKey> lookup = known.get(hash).copy();
        return Uni.createFrom().completionStage(lookup)
                .onFailure().transform(failure -> new KeyLookupUnavailable(
                        failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure))
                .map(key -> {
                    if (key == null) {
                        unknown.put(hash, true);
                    }
                    return Optional.ofNullable(key);
                });
    }

    /** Forgets a revoked or changed key, so this replica stops honouring it now. */
    public void forget(String keyId) {
        known.synchronous().asMap().values().removeIf(key -> key.id().equals(keyId));
    }

    /** Forgets what is known of a secret, e.g. that it was unknown before a key with it was created. */
    public void forgetSecret(String secret) {
        String hash = IntegrationKeys.hash(secret);
        known.synchronous().invalidate(hash);
        unknown.invalidate(hash);
    }
}
