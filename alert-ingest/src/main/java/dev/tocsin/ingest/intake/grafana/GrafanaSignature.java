package dev.tocsin.ingest.intake.grafana;

import dev.tocsin.ingest.key.IntegrationKey.Signing;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a Grafana webhook contact point's HMAC signature exactly as Grafana makes it
 * (grafana/alerting {@code http/hmac.go}): HMAC-SHA256 with the shared secret over the raw body,
 * or, when a timestamp header is configured, over {@code <unix seconds> ":" <body>}, sent as lowercase
 * hex in the signature header. The comparison takes constant time.
 */
public final class GrafanaSignature {

    /** The header Grafana's documentation and UI give as the default. */
    public static final String DEFAULT_HEADER = "X-Grafana-Alerting-Signature";
    /** The header Grafana's signer itself falls back to when the contact point leaves it empty. */
    static final String SIGNER_FALLBACK_HEADER = "X-Grafana-Alert-Signature";

    /** What the check found. */
    public enum Verdict {
        VALID, MISSING, INVALID, STALE
    }

    private GrafanaSignature() {
    }

    /**
     * @param headers reads a request header by name, null when absent
     * @param maxAge how far the signed timestamp may be from {@code now}, either way
     */
    public static Verdict verify(Signing signing, UnaryOperator<String> headers, byte[] body, Instant now,
            Duration maxAge) {
        String presented = presented(signing, headers);
        if (presented == null || presented.isBlank()) {
            return Verdict.MISSING;
        }
        String timestamp = null;
        if (signing.timestampHeader() != null) {
            timestamp = headers.apply(signing.timestampHeader());
            if (timestamp == null || timestamp.isBlank()) {
                return Verdict.MISSING;
            }
            try {
                Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
                if (Duration.between(signedAt, now).abs().compareTo(maxAge) > 0) {
                    return Verdict.STALE;
                }
            } catch (NumberFormatException | DateTimeException e) {
                return Verdict.INVALID;
            }
        }
        byte[] expected = sign(signing.secret(), timestamp == null ? null : timestamp.trim(), body);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(presented.trim());
        } catch (IllegalArgumentException e) {
            return Verdict.INVALID;
        }
        return MessageDigest.isEqual(expected, given) ? Verdict.VALID : Verdict.INVALID;
    }

    /** The signature the request carries, from the key's header or Grafana's defaults; null when none. */
    public static String presented(Signing signing, UnaryOperator<String> headers) {
        String presented = headers.apply(signing.header() == null ? DEFAULT_HEADER : signing.header());
        if (presented == null && signing.header() == null) {
            presented = headers.apply(SIGNER_FALLBACK_HEADER);
        }
        return presented;
    }

    /** The raw HMAC Grafana sends, hex-encoded, in the signature header. */
    public static byte[] sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            if (timestamp != null) {
                mac.update((timestamp + ":").getBytes(StandardCharsets.UTF_8));
            }
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
