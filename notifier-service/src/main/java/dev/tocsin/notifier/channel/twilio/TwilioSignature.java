package dev.tocsin.notifier.channel.twilio;

import dev.tocsin.notifier.Hmac;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
        return Base64.getEncoder().encodeToString(Hmac.of("HmacSHA1", authToken, signed.toString()));
    }

    /** Whether {@code signature} is Twilio's for this request, compared in constant time. */
    public static boolean valid(String authToken, String url, Map<String, List<String>> params, String signature) {
        return Hmac.matches(of(authToken, url, params), signature);
    }
}
