package dev.tocsin.ingest.intake.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.ingest.intake.Fixtures;
import dev.tocsin.ingest.intake.grafana.GrafanaSignature.Verdict;
import dev.tocsin.ingest.key.IntegrationKey.Signing;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Grafana's webhook HMAC (grafana/alerting {@code http/hmac.go}): hex HMAC-SHA256 of the body, or of
 * {@code timestamp ":" body} when a timestamp header is configured, over the documented example body.
 */
class GrafanaSignatureTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Duration MAX_AGE = Duration.ofMinutes(5);
    private static final String SECRET = "test-hmac-secret";
    private static final byte[] BODY = Fixtures.bytes("grafana-webhook.json");
    private static final Signing PLAIN = new Signing(SECRET, null, null);
    private static final Signing TIMESTAMPED = new Signing(SECRET, "X-Grafana-Alerting-Signature",
            "X-Grafana-Alerting-Timestamp");

    private static String hex(String secret, String timestamp, byte[] body) {
        return HexFormat.of().formatHex(GrafanaSignature.sign(secret, timestamp, body));
    }

    private static Verdict verify(Signing signing, Map<String, String> headers, byte[] body) {
        Map<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseless.putAll(headers);
        return GrafanaSignature.verify(signing, caseless::get, body, NOW, MAX_AGE);
    }

    @Test
    void theSignatureIsHexHmacSha256OfTheRawBody() {
        // A known-answer vector (RFC 4231 test case 2), so the MAC itself is checked, not only round trips.
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                hex("Jefe", null, "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)));
        // With a timestamp, the message is "<timestamp>:<body>".
        assertEquals(hex(SECRET, null, ("1700000000:" + new String(BODY, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8)), hex(SECRET, "1700000000", BODY));
    }

    static Stream<Arguments> cases() {
        String now = String.valueOf(NOW.getEpochSecond());
        String stale = String.valueOf(NOW.minusSeconds(301).getEpochSecond());
        String future = String.valueOf(NOW.plusSeconds(301).getEpochSecond());
        return Stream.of(
                // What Grafana sends with the default header.
                Arguments.of(PLAIN, Map.of("X-Grafana-Alerting-Signature", hex(SECRET, null, BODY)), BODY, Verdict.VALID),
                // HTTP header names are case-insensitive.
                Arguments.of(PLAIN, Map.of("x-grafana-alerting-signature", hex(SECRET, null, BODY)), BODY, Verdict.VALID),
                // Grafana's signer falls back to this header when the contact point leaves Header empty.
                Arguments.of(PLAIN, Map.of("X-Grafana-Alert-Signature", hex(SECRET, null, BODY)), BODY, Verdict.VALID),
                // A signature made with another secret.
                Arguments.of(PLAIN, Map.of("X-Grafana-Alerting-Signature", hex("other-secret", null, BODY)), BODY,
                        Verdict.INVALID),
                // The body was changed after signing.
                Arguments.of(PLAIN, Map.of("X-Grafana-Alerting-Signature", hex(SECRET, null, BODY)),
                        "{\"alerts\":[]}".getBytes(StandardCharsets.UTF_8), Verdict.INVALID),
                // Not hex at all.
                Arguments.of(PLAIN, Map.of("X-Grafana-Alerting-Signature", "sha256=zz"), BODY, Verdict.INVALID),
                // No signature: a key with a secret refuses unsigned requests.
                Arguments.of(PLAIN, Map.of(), BODY, Verdict.MISSING),
                // A custom header configured on the key is the only one read.
                Arguments.of(new Signing(SECRET, "X-Sig", null), Map.of("X-Grafana-Alerting-Signature",
                        hex(SECRET, null, BODY)), BODY, Verdict.MISSING),
                Arguments.of(new Signing(SECRET, "X-Sig", null), Map.of("X-Sig", hex(SECRET, null, BODY)), BODY,
                        Verdict.VALID),
                // With a timestamp header: a fresh timestamp and the matching signature.
                Arguments.of(TIMESTAMPED, Map.of("X-Grafana-Alerting-Signature", hex(SECRET, now, BODY),
                        "X-Grafana-Alerting-Timestamp", now), BODY, Verdict.VALID),
                // A signature over the body alone is not valid when a timestamp is expected.
                Arguments.of(TIMESTAMPED, Map.of("X-Grafana-Alerting-Signature", hex(SECRET, null, BODY),
                        "X-Grafana-Alerting-Timestamp", now), BODY, Verdict.INVALID),
                // The timestamp was changed after signing: a replay with a fresh-looking time.
                Arguments.of(TIMESTAMPED, Map.of("X-Grafana-Alerting-Signature", hex(SECRET, stale, BODY),
                        "X-Grafana-Alerting-Timestamp", now), BODY, Verdict.INVALID),
                // Older than the allowed age: a replay.
                Arguments.of(TIMESTAMPED, Map.of("X-Grafana-Alerting-Signature", hex(SECRET, stale, BODY),
                        "X-Grafana-Alerting-Timestamp", stale), BODY, Verdict.STALE),
                // Too far in the future is as suspicious as too old.
                Arguments.of(TIMESTAMPED, Map.of("X-Grafana-Alerting-Signature", hex(SECRET, future, BODY),
                        "X-Grafana-Alerting-Timestamp", future), BODY, Verdict.STALE),
                // The timestamp header is missing.
                Arguments.of(TIMESTAMPED, Map.of("X-Grafana-Alerting-Signature", hex(SECRET, now, BODY)), BODY,
                        Verdict.MISSING),
                // A timestamp that is not Unix seconds.
                Arguments.of(TIMESTAMPED, Map.of("X-Grafana-Alerting-Signature", hex(SECRET, "yesterday", BODY),
                        "X-Grafana-Alerting-Timestamp", "yesterday"), BODY, Verdict.INVALID));
    }

    @ParameterizedTest(name = "[{index}] {3}")
    @MethodSource("cases")
    void verifiesExactlyWhatGrafanaSigns(Signing signing, Map<String, String> headers, byte[] body, Verdict verdict) {
        assertEquals(verdict, verify(signing, headers, body));
    }
}
