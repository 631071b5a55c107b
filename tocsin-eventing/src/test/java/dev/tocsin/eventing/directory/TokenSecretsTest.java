package dev.tocsin.eventing.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenSecretsTest {

    @Test
    void aSecretIsThePrefixAnd256RandomBits() {
        String secret = TokenSecrets.generate();
        assertTrue(secret.startsWith("tcs_"), secret);
        // 32 bytes, URL-safe so it survives a header, a shell and a URL unquoted.
        assertEquals(32, Base64.getUrlDecoder().decode(secret.substring(4)).length);
        assertTrue(secret.substring(4).matches("[A-Za-z0-9_-]{43}"), secret);
    }

    @Test
    void noTwoSecretsAreAlike() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(TokenSecrets.generate()));
        }
    }

    @Test
    void theHashIsSha256InLowercaseHex() {
        // The value the events carry: every service must compute the same bytes, checked against
        // the SHA-256 test vector of "abc" (FIPS 180-2).
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenSecrets.sha256("abc"));
        assertEquals(TokenSecrets.sha256("tcs_x"), TokenSecrets.sha256("tcs_x"));
        assertFalse(TokenSecrets.sha256("tcs_x").equals(TokenSecrets.sha256("tcs_X")));
    }

    @Test
    void onlyPrefixedTokensAreLookedUp() {
        // The bootstrap tokens and integration keys cost no database round trip.
        assertTrue(TokenSecrets.looksIssued(TokenSecrets.generate()));
        assertFalse(TokenSecrets.looksIssued("test-admin-token"));
        assertFalse(TokenSecrets.looksIssued("tcs_"));
        assertFalse(TokenSecrets.looksIssued(null));
    }
}
