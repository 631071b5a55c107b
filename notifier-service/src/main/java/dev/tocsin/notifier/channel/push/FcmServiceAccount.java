package dev.tocsin.notifier.channel.push;

import io.smallrye.jwt.util.KeyUtils;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;

/**
 * A Firebase project's service account, from the JSON key the Firebase console downloads: who
 * signs the assertion ({@code client_email}, {@code private_key_id}, {@code private_key}), where it
 * is exchanged for an access token ({@code token_uri}) and which project messages are sent for.
 */
record FcmServiceAccount(String projectId, String clientEmail, String keyId, PrivateKey privateKey, String tokenUri) {

    /** @throws IllegalStateException naming the file and what is wrong with it, so the service does not start half-configured */
    static FcmServiceAccount read(String file) {
        JsonObject key;
        try {
            key = new JsonObject(Files.readString(Path.of(file)));
        } catch (IOException | DecodeException e) {
            throw new IllegalStateException("tocsin.notifier.fcm.service-account: cannot read " + file
                    + " as a service account's JSON key: " + e.getMessage(), e);
        }
        if (!"service_account".equals(key.getString("type"))) {
            throw new IllegalStateException("tocsin.notifier.fcm.service-account: " + file
                    + " is not a service account key (its \"type\" is not \"service_account\")");
        }
        for (String field : new String[] {"project_id", "client_email", "private_key", "token_uri"}) {
            if (key.getString(field, "").isBlank()) {
                throw new IllegalStateException("tocsin.notifier.fcm.service-account: " + file + " has no \"" + field
                        + "\"");
            }
        }
        try {
            return new FcmServiceAccount(key.getString("project_id"), key.getString("client_email"),
                    key.getString("private_key_id"), KeyUtils.decodePrivateKey(key.getString("private_key")),
                    key.getString("token_uri"));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("tocsin.notifier.fcm.service-account: the \"private_key\" of " + file
                    + " is no PKCS#8 RSA key: " + e.getMessage(), e);
        }
    }
}
