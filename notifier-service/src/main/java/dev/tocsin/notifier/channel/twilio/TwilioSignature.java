package dev.tocsin.notifier.channel.twilio;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's request signature ({@code X-Twilio-Signature}): the Base64 HMAC-SHA1, keyed with the
 * account's auth token, of the full URL Twilio called followed by each POST parameter's name and
 * value, sorted by name. A request whose signature does not match was not sent by Twilio, or was
 * changed on the way.
 */
public final class TwilioSignature {

    private TwilioSignature() {
    }

    public static String of(String authToken, String url, Map<String, List<String>> params) {
        StringBuilder signed = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, values) -> values.forEach(value -> signed.append(name).append(value)));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is missing from this JVM", e);
        }
    }

    /** Whether {@code signature} is Twilio's for this request, compared in constant time. */
    public static boolean valid(String authToken, String url, Map<String, List<String>> params, String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        return MessageDigest.isEqual(of(authToken, url, params).getBytes(StandardCharsets.UTF_8),
                signature.strip().getBytes(StandardCharsets.UTF_8));
    }
}
