package dev.tocsin.ingest.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The key cache: wrong secrets never evict valid keys, and an unreachable store is a distinct failure. */
class ActiveKeysTest {

    private static final IntegrationKey KEY = new IntegrationKey("k1", "checkout", "prometheus", Instant.EPOCH, null);
    private static final String SECRET = "a-valid-secret-of-enough-length";

    private final AtomicInteger lookups = new AtomicInteger();
    private final Map<String, IntegrationKey> store = Map.of(IntegrationKeys.hash(SECRET), KEY);

    private ActiveKeys keys(long maxKnown, long maxUnknown) {
        return new ActiveKeys(hash -> {
            lookups.incrementAndGet();
            return Uni.createFrom().item(Optional.ofNullable(store.get(hash)));
        }, Duration.ofMinutes(1), maxKnown, maxUnknown, Duration.ofSeconds(1));
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
    void aStoreThatFailsOrHangsIsKeyLookupUnavailable() {
        ActiveKeys failing = new ActiveKeys(hash -> Uni.createFrom().failure(new IllegalStateException("refused")),
                Duration.ofMinutes(1), 10, 10, Duration.ofSeconds(1));
        assertInstanceOf(IllegalStateException.class, assertThrows(KeyLookupUnavailable.class,
                () -> failing.find(SECRET).await().indefinitely()).getCause());
        ActiveKeys hanging = new ActiveKeys(hash -> Uni.createFrom().nothing(), Duration.ofMinutes(1), 10, 10,
                Duration.ofMillis(100));
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
