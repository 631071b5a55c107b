package dev.tocsin.eventing.directory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secrets of the directory's API tokens: 256 random bits, prefixed so a leaked one is easy to
 * recognise (and to look for in logs and repositories), and kept only as their SHA-256. A secret
 * that long needs no slow hash: nobody can guess a preimage, so a fast digest is as safe as
 * bcrypt and lets every request be checked with one indexed lookup.
 */
public final class TokenSecrets {

    /** What every directory token starts with; the static bootstrap tokens need not. */
    public static final String PREFIX = "tcs_";
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private TokenSecrets() {
    }

    /** A new secret: {@code tcs_} and 43 URL-safe base64 characters. */
    public static String generate() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return PREFIX + BASE64.encodeToString(secret);
    }

    /** Whether {@code token} can be a directory token at all, so other tokens cost no lookup. */
    public static boolean looksIssued(String token) {
        return token != null && token.startsWith(PREFIX) && token.length() > PREFIX.length();
    }

    /** Lowercase hex SHA-256 of the token's UTF-8 bytes: what events carry and tables store. */
    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
