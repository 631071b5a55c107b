package dev.tocsin.notifier.reply;

import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.notifier.Hmac;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The check of a webhook signed the way Slack signs (and Tocsin's own SMS gateway contract copies):
 * an HMAC-SHA256 with a shared secret over the request's timestamp and its body, sent beside a
 * timestamp no more than five minutes from now, so a recorded request cannot be replayed later.
 */
final class SignedWebhook {

    static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final Logger LOG = Logger.getLogger(SignedWebhook.class);

    private SignedWebhook() {
    }

    /** The hex HMAC-SHA256 of {@code text} with {@code secret}. */
    static String hmac(String secret, String text) {
        return HexFormat.of().formatHex(Hmac.of("HmacSHA256", secret, text));
    }

    /**
     * @param expected the signature the request must carry, computed from the secret (absent when
     *     none is configured)
     * @param names how the refusal names the secret's setting and the two headers
     * @throws ProblemException 403, saying which check failed, before anything of the request is read
     */
    static void require(Optional<String> expected, String timestamp, String signature, Clock clock, String what,
            String secretSetting, String timestampHeader, String signatureHeader) {
        String problem = expected.isEmpty() ? what + " is not configured here (" + secretSetting + ")"
                : timestamp == null || signature == null ? timestampHeader + " and " + signatureHeader + " are required"
                : !fresh(timestamp, clock) ? timestampHeader + " is more than five minutes from now"
                : !Hmac.matches(expected.get(), signature) ? signatureHeader + " does not match this request" : null;
        if (problem != null) {
            LOG.warnf("refused a webhook of %s: %s", what, problem);
            throw new ProblemException(403, "Forbidden", problem);
        }
    }

    private static boolean fresh(String timestamp, Clock clock) {
        try {
            Instant at = Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
            return Duration.between(at, clock.instant()).abs().compareTo(TOLERANCE) <= 0;
        } catch (NumberFormatException | DateTimeException e) {
            return false;
        }
    }
}
