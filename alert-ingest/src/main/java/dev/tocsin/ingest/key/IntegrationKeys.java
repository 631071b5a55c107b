package dev.tocsin.ingest.key;

import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.api.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one store of the {@code integration_keys} table: keys by their SHA-256 hash, and the service a
 * presented key belongs to. Writes run in the caller's {@code AfterCommit} transaction
 * ({@link Sql#connection()}), reads on {@link Sql#client()} (that transaction, else the pool).
 */
@ApplicationScoped
public class IntegrationKeys {

    private static final String COLUMNS = "id, service, name, created_at, revoked_at, rate_limit_per_minute, "
            + "signing_secret, signature_header, timestamp_header, services";
    private static final String ACTIVE_BY_HASH = "select " + COLUMNS
            + " from integration_keys where key_hash = $1 and revoked_at is null";
    private static final String ACTIVE_BY_ID = "select " + COLUMNS
            + " from integration_keys where id = $1 and revoked_at is null";
    private static final String FIRST_PAGE = "select " + COLUMNS
            + " from integration_keys order by created_at, id limit $1";
    private static final String PAGE_AFTER = "select " + COLUMNS
            + " from integration_keys where (created_at, id) > ($1, $2) order by created_at, id limit $3";
    private static final String INSERT = """
            insert into integration_keys (id, service, services, name, key_hash, created_at, rate_limit_per_minute,
                signing_secret, signature_header, timestamp_header)
            values ($1, $2, cast($3 as text[]), $4, $5, $6, $7, $8, $9, $10)
            on conflict (key_hash) do nothing""";
    private static final String UPDATE = """
            update integration_keys set name = $2, services = cast($3 as text[]), rate_limit_per_minute = $4,
                signing_secret = $5, signature_header = $6, timestamp_header = $7
            where id = $1 and revoked_at is null""";
    private static final String REVOKE = "update integration_keys set revoked_at = $2 where id = $1 and revoked_at is null";
    /** Bytes of a generated secret: 256 bits, well over the 128 that make guessing hopeless. */
    static final int SECRET_BYTES = 32;
    /** The shortest secret a caller may choose: 22 base64url characters carry 128 bits. */
    public static final int MIN_SECRET_LENGTH = 22;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;

    IntegrationKeys(Clock clock) {
        this.clock = clock;
    }

    /** The active key whose secret has this {@link #hash}, if any. */
    public Uni<Optional<IntegrationKey>> findActiveByHash(String hash) {
        return Sql.client().preparedQuery(ACTIVE_BY_HASH).execute(Tuple.of(hash)).map(IntegrationKeys::first);
    }

    /**
     * Creates a key, in the caller's transaction; empty when a key with that secret already exists.
     *
     * @param rateLimitPerMinute the key's own limit, or null for the default
     * @param signing how its requests are signed, or null
     */
    public Uni<Optional<IntegrationKey>> create(String service, List<String> services, String name, String secret,
            Integer rateLimitPerMinute, IntegrationKey.Signing signing) {
        IntegrationKey key = new IntegrationKey(UUID.randomUUID().toString(), service, services, name, clock.instant(),
                null, rateLimitPerMinute, signing);
        return Sql.connection().preparedQuery(INSERT).execute(Tuple.from(Arrays.asList(key.id(), service,
                        key.services().toArray(String[]::new), name, hash(secret), Sql.at(key.createdAt()),
                        rateLimitPerMinute, signing == null ? null : signing.secret(),
                        signing == null ? null : signing.header(), signing == null ? null : signing.timestampHeader())))
                .map(inserted -> inserted.rowCount() == 1 ? Optional.of(key) : Optional.empty());
    }

    /** Oldest first, after the cursor's (createdAt, id); {@link PageRequest#fetch()} keys at most. */
    public Uni<List<IntegrationKey>> list(PageRequest page) {
        return page.after()
                .map(c -> Sql.client().preparedQuery(PAGE_AFTER).execute(Tuple.of(Sql.at(c.instant(0)), c.string(1),
                        page.fetch())))
                .orElseGet(() -> Sql.client().preparedQuery(FIRST_PAGE).execute(Tuple.of(page.fetch())))
                .map(IntegrationKeys::keys);
    }

    /** The active key with this id, if any. */
    public Uni<Optional<IntegrationKey>> findActive(String id) {
        return Sql.client().preparedQuery(ACTIVE_BY_ID).execute(Tuple.of(id)).map(IntegrationKeys::first);
    }

    /** Stores an active key's name, services, rate limit and signing, in the caller's transaction. */
    public Uni<Void> update(IntegrationKey key) {
        IntegrationKey.Signing signing = key.signing();
        return Sql.connection().preparedQuery(UPDATE).execute(Tuple.from(Arrays.asList(key.id(), key.name(),
                        key.services().toArray(String[]::new), key.rateLimitPerMinute(),
                        signing == null ? null : signing.secret(), signing == null ? null : signing.header(),
                        signing == null ? null : signing.timestampHeader())))
                .replaceWithVoid();
    }

    /** Revokes a key, in the caller's transaction; false when there is no active key with that id. */
    public Uni<Boolean> revoke(String id) {
        return Sql.connection().preparedQuery(REVOKE).execute(Tuple.of(id, Sql.at(clock.instant())))
                .map(updated -> updated.rowCount() == 1);
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

    private static Optional<IntegrationKey> first(RowSet<Row> rows) {
        return keys(rows).stream().findFirst();
    }

    private static List<IntegrationKey> keys(RowSet<Row> rows) {
        List<IntegrationKey> keys = new ArrayList<>(rows.size());
        for (Row row : rows) {
            IntegrationKey.Signing signing = row.getString("signing_secret") == null ? null
                    : new IntegrationKey.Signing(row.getString("signing_secret"), row.getString("signature_header"),
                            row.getString("timestamp_header"));
            String[] services = row.getArrayOfStrings("services");
            keys.add(new IntegrationKey(row.getString("id"), row.getString("service"),
                    services == null ? List.of() : List.of(services), row.getString("name"),
                    Sql.instant(row, "created_at"), Sql.instant(row, "revoked_at"),
                    row.getInteger("rate_limit_per_minute"), signing));
        }
        return keys;
    }
}
