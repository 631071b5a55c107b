package dev.tocsin.ingest.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The key cache: wrong secrets never evict valid keys, a key in use is answered from the cache while
 * it is looked up again, misses share one lookup, and an unreachable store is a distinct failure.
 */
class ActiveKeysTest {

    private static final IntegrationKey KEY = new IntegrationKey("k1", "checkout", "prometheus", Instant.EPOCH, null);
    private static final String SECRET = "a-valid-secret-of-enough-length";

    private static final Duration TTL = Duration.ofSeconds(10);
    private static final Duration STALE_LIMIT = Duration.ofMinutes(5);

    private final AtomicInteger lookups = new AtomicInteger();
    private final Map<String, IntegrationKey> store = new ConcurrentHashMap<>(Map.of(IntegrationKeys.hash(SECRET), KEY));
    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    /** What the store answers next; by default what it holds. */
    private Function<String, Uni<Optional<IntegrationKey>>> answer =
            hash -> Uni.createFrom().item(Optional.ofNullable(store.get(hash)));

    private ActiveKeys keys(long maxKnown, long maxUnknown) {
        return new ActiveKeys(hash -> {
            lookups.incrementAndGet();
            return answer.apply(hash);
        }, TTL, STALE_LIMIT, maxKnown, maxUnknown, Duration.ofSeconds(1), ticker);
    }

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Test
    void aFloodOfUnknownSecretsDoesNotEvictAValidKey() {
        ActiveKeys keys = keys(10, 10);
        assertEquals(Optional.of(KEY), keys.find(SECRET).await().indefinitely());
        for (int i = 0; i < 1000; i++) {
            assertEquals(Optional.empty(), keys.find("guess-" + i).await().indefinitely());
        }
        int before = lookups.get();
        assertEquals(Optional.of(KEY), keys.find(SECRET).await().indefinitely());
        assertEquals(before, lookups.get(), "the valid key was still cached");
    }

    @Test
    void anUnknownSecretIsRememberedToo() {
        ActiveKeys keys = keys(10, 10);
        keys.find("guess").await().indefinitely();
        keys.find("guess").await().indefinitely();
        assertEquals(1, lookups.get());
    }

    @Test
    void aKeyInUseIsAnsweredFromTheCacheWhileTheStoreIsAskedAgain() {
        ActiveKeys keys = keys(10, 10);
        keys.find(SECRET).await().indefinitely();
        CompletableFuture<Optional<IntegrationKey>> slowStore = new CompletableFuture<>();
        answer = hash -> Uni.createFrom().completionStage(slowStore);
        advance(TTL.plusMillis(1));
        assertEquals(Optional.of(KEY), keys.find(SECRET).await().atMost(Duration.ofSeconds(1)),
                "answered from the cache, not after the slow store");
        assertEquals(Optional.of(KEY), keys.find(SECRET).await().atMost(Duration.ofSeconds(1)));
        assertEquals(2, lookups.get(), "one lookup again in the background, not one per request");
        slowStore.complete(Optional.of(KEY));
        assertEquals(2, lookups.get());
        advance(TTL.minusSeconds(1));
        keys.find(SECRET).await().atMost(Duration.ofSeconds(1));
        assertEquals(2, lookups.get(), "the answer renewed the entry: no lookup again until its TTL passed");
    }

    @Test
    void aKeyInUseOutlivesADatabaseThatDoesNotAnswerUpToTheStaleLimit() {
        ActiveKeys keys = keys(10, 10);
        keys.find(SECRET).await().indefinitely();
        answer = hash -> Uni.createFrom().failure(new IllegalStateException("the pool is exhausted"));
        for (Duration passed = Duration.ZERO; passed.compareTo(STALE_LIMIT) < 0; passed = passed.plus(TTL)) {
            assertEquals(Optional.of(KEY), keys.find(SECRET).await().atMost(Duration.ofSeconds(1)), "after " + passed);
            advance(TTL);
        }
        assertThrows(KeyLookupUnavailable.class, () -> keys.find(SECRET).await().atMost(Duration.ofSeconds(1)),
                "past the stale limit the key must be looked up");
    }

    @Test
    void aKeyRevokedElsewhereStopsBeingHonouredWithinTheTtl() {
        ActiveKeys keys = keys(10, 10);
        keys.find(SECRET).await().indefinitely();
        store.clear();
        advance(TTL.plusMillis(1));
        keys.find(SECRET).await().indefinitely();
        assertEquals(Optional.empty(), keys.find(SECRET).await().indefinitely());
    }

    @Test
    void requestsThatFindNothingCachedShareOneLookup() {
        CompletableFuture<Optional<IntegrationKey>> slowStore = new CompletableFuture<>();
        answer = hash -> Uni.createFrom().completionStage(slowStore);
        ActiveKeys keys = keys(10, 10);
        List<CompletableFuture<Optional<IntegrationKey>>> waiting = IntStream.range(0, 50)
                .mapToObj(i -> keys.find(SECRET).subscribeAsCompletionStage()).toList();
        waiting.getFirst().cancel(false);
        slowStore.complete(Optional.of(KEY));
        assertEquals(1, lookups.get());
        waiting.stream().skip(1).forEach(found -> assertEquals(Optional.of(KEY), found.join()));
    }

    @Test
    void aStoreThatFailsOrHangsIsKeyLookupUnavailable() {
        ActiveKeys failing = new ActiveKeys(hash -> Uni.createFrom().failure(new IllegalStateException("refused")),
                Duration.ofMinutes(1), STALE_LIMIT, 10, 10, Duration.ofSeconds(1), ticker);
        assertInstanceOf(IllegalStateException.class, assertThrows(KeyLookupUnavailable.class,
                () -> failing.find(SECRET).await().indefinitely()).getCause());
        ActiveKeys hanging = new ActiveKeys(hash -> Uni.createFrom().nothing(), Duration.ofMinutes(1), STALE_LIMIT,
                10, 10, Duration.ofMillis(100), ticker);
        assertInstanceOf(TimeoutException.class, assertThrows(KeyLookupUnavailable.class,
                () -> hanging.find(SECRET).await().atMost(Duration.ofSeconds(5))).getCause());
    }

    @Test
    void generatedSecretsCarry256RandomBits() {
        String secret = IntegrationKeys.newSecret();
        assertEquals(32, Base64.getUrlDecoder().decode(secret).length);
        assertTrue(secret.length() >= IntegrationKeys.MIN_SECRET_LENGTH);
        assertTrue(!secret.equals(IntegrationKeys.newSecret()));
    }
}
