package dev.tocsin.ingest.intake.grafana;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tocsin.ingest.intake.IntakeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;

/**
 * The valid Grafana signatures this replica has seen within twice the signature max age, so a
 * captured request replayed inside the window its timestamp allows is refused. A signature is
 * forgotten again when its request could not be stored (503), so Grafana's own retry goes through.
 */
@ApplicationScoped
public class SeenSignatures {

    private final Cache<String, Boolean> seen;

    @Inject
    SeenSignatures(IntakeConfig config) {
        this(config.signatureMaxAge().multipliedBy(2), 100_000);
    }

    SeenSignatures(Duration remember, long maxSize) {
        this.seen = Caffeine.newBuilder().expireAfterWrite(remember).maximumSize(maxSize).build();
    }

    /** True the first time this key's signature is seen in the window, false for a replay. */
    public boolean firstSighting(String keyId, String signature) {
        return seen.asMap().putIfAbsent(name(keyId, signature), Boolean.TRUE) == null;
    }

    /** Lets the signature be used once more: its request was not stored. */
    public void forget(String keyId, String signature) {
        seen.invalidate(name(keyId, signature));
    }

    private static String name(String keyId, String signature) {
        return keyId + "/" + signature.trim().toLowerCase(Locale.ROOT);
    }
}
