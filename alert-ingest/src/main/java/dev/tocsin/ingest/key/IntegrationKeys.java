package dev.tocsin.ingest.key;

import dev.tocsin.eventing.Timestamps;
import dev.tocsin.eventing.api.PageRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stores integration keys by their SHA-256 hash and finds the service a presented key belongs to. */
@ApplicationScoped
public class IntegrationKeys {

    private static final String COLUMNS = "id, service, name, created_at, revoked_at, rate_limit_per_minute, "
            + "signing_secret, signature_header, timestamp_header, array_to_string(services, ',')";
    /** Bytes of a generated secret: 256 bits, well over the 128 that make guessing hopeless. */
    static final int SECRET_BYTES = 32;
    /** The shortest secret a caller may choose: 22 base64url characters carry 128 bits. */
    public static final int MIN_SECRET_LENGTH = 22;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;

    IntegrationKeys(Clock clock) {
        this.clock = clock;
    }

    /** The active key whose secret has this {@link #hash}, if any. Runs in the caller's session. */
    public Uni<Optional<IntegrationKey>> findActiveByHash(String hash) {
        return findActive("key_hash", hash);
    }

    /**
     * Creates a key; empty when a key with that secret already exists.
     *
     * @param rateLimitPerMinute the key's own limit, or null for the default
     * @param signing how its requests are signed, or null
     */
    public Uni<Optional<IntegrationKey>> create(String service, List<String> services, String name, String secret,
            Integer rateLimitPerMinute, IntegrationKey.Signing signing) {
        IntegrationKey key = new IntegrationKey(UUID.randomUUID().toString(), service, services, name, clock.instant(),
                null, rateLimitPerMinute, signing);
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into integration_keys (id, service, services, name, key_hash, created_at,
                            rate_limit_per_minute, signing_secret, signature_header, timestamp_header)
                        values (:id, :service, string_to_array(:services, ','), :name, :hash, :at, :limit, :secret,
                            :header, :timestampHeader)
                        on conflict (key_hash) do nothing""")
                .setParameter("id", key.id())
                .setParameter("service", service)
                .setParameter("services", String.join(",", key.services()))
                .setParameter("name", name)
                .setParameter("hash", hash(secret))
                .setParameter("at", key.createdAt())
                .setParameter("limit", rateLimitPerMinute)
                .setParameter("secret", signing == null ? null : signing.secret())
                .setParameter("header", signing == null ? null : signing.header())
                .setParameter("timestampHeader", signing == null ? null : signing.timestampHeader())
                .executeUpdate())
                .map(inserted -> inserted == 1 ? Optional.of(key) : Optional.empty());
    }

    /** Oldest first, after the cursor's (createdAt, id); {@link PageRequest#fetch()} keys at most. */
    public Uni<List<IntegrationKey>> list(PageRequest page) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery("select " + COLUMNS + " from integration_keys" + (page.after().isPresent()
                            ? " where (created_at, id) > (cast(:afterAt as timestamptz), cast(:afterId as text))" : "")
                            + " order by created_at, id limit :limit", Object[].class)
                    .setParameter("limit", page.fetch());
            page.after().ifPresent(c -> query.setParameter("afterAt", c.instant(0)).setParameter("afterId", c.string(1)));
            return query.getResultList();
        }).map(rows -> rows.stream().map(IntegrationKeys::toKey).toList());
    }

    /** The active key with this id, if any. Runs in the caller's session. */
    public Uni<Optional<IntegrationKey>> findActive(String id) {
        return findActive("id", id);
    }

    private Uni<Optional<IntegrationKey>> findActive(String column, String value) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select " + COLUMNS + " from integration_keys where " + column + " = :value and revoked_at is null",
                        Object[].class)
                .setParameter("value", value)
                .getResultList())
                .map(rows -> rows.stream().findFirst().map(IntegrationKeys::toKey));
    }

    /** Stores an active key's name, services, rate limit and signing. Runs in the caller's transaction. */
    public Uni<Void> update(IntegrationKey key) {
        IntegrationKey.Signing signing = key.signing();
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        update integration_keys set name = :name, services = string_to_array(:services, ','),
                            rate_limit_per_minute = :limit,
                            signing_secret = :secret, signature_header = :header, timestamp_header = :timestampHeader
                        where id = :id and revoked_at is null""")
                .setParameter("id", key.id())
                .setParameter("name", key.name())
                .setParameter("services", String.join(",", key.services()))
                .setParameter("limit", key.rateLimitPerMinute())
                .setParameter("secret", signing == null ? null : signing.secret())
                .setParameter("header", signing == null ? null : signing.header())
                .setParameter("timestampHeader", signing == null ? null : signing.timestampHeader())
                .executeUpdate())
                .replaceWithVoid();
    }

    /** Revokes a key; false when there is no active key with that id. */
    public Uni<Boolean> revoke(String id) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "update integration_keys set revoked_at = :at where id = :id and revoked_at is null")
                .setParameter("at", clock.instant())
                .setParameter("id", id)
                .executeUpdate())
                .map(updated -> updated == 1);
    }

    /** A new secret: 32 random bytes (256 bits) as 43 base64url characters. */
    public static String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of a secret, in hex: what is stored and looked up instead of the secret. */
    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IntegrationKey toKey(Object[] row) {
        IntegrationKey.Signing signing = row[6] == null ? null
                : new IntegrationKey.Signing((String) row[6], (String) row[7], (String) row[8]);
        List<String> services = row[9] == null ? List.of() : List.of(((String) row[9]).split(","));
        return new IntegrationKey((String) row[0], (String) row[1], services, (String) row[2], Timestamps.instant(row[3]),
                Timestamps.instant(row[4]), row[5] == null ? null : ((Number) row[5]).intValue(), signing);
    }

}
