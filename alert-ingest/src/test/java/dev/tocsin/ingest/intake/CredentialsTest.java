package dev.tocsin.ingest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CredentialsTest {

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            // Prometheus' alertmanager_config.authorization (credentials: <key>).
            "Bearer k1 | k1",
            // The scheme is case-insensitive (RFC 9110).
            "bearer k1 | k1",
            "Bearer    | null",
            "null      | null",
            // Another scheme is not a key.
            "Token k1  | null",
            "Basic %%% | null"})
    void bearerTokens(String header, String key) {
        assertEquals(Optional.ofNullable(key), Credentials.integrationKey(header));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            // Prometheus' basic_auth: the user is ignored, the password is the key.
            "prometheus:k2 | k2",
            // A password may itself contain colons; only the first one separates the user.
            "u:k:3         | k:3",
            "prometheus:   | null"})
    void basicAuthPasswords(String userAndPassword, String key) {
        assertEquals(Optional.ofNullable(key), Credentials.integrationKey(basic(userAndPassword)));
    }
}
