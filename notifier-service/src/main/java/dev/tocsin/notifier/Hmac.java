package dev.tocsin.notifier;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The HMACs providers sign their webhooks with, and the constant-time check of a signature. */
public final class Hmac {

    private Hmac() {
    }

    /** The HMAC of {@code text} keyed with {@code key}, both UTF-8 ({@code HmacSHA256}, {@code HmacSHA1}). */
    public static byte[] of(String algorithm, String key, String text) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }

    /** Whether a request's {@code signature} is {@code expected}, compared in constant time; false when it has none. */
    public static boolean matches(String expected, String signature) {
        return signature != null && !signature.isBlank() && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), signature.strip().getBytes(StandardCharsets.UTF_8));
    }
}
