package dev.tocsin.notifier.channel;

import io.vertx.mutiny.ext.web.client.HttpResponse;

/**
 * What an HTTP provider's answer means for a delivery, the same for every one of them: 2xx took
 * the message; 429 (rate-limited) and 5xx (down) are worth another attempt; any other 4xx (a bad
 * address, a refused credential) will not change.
 */
public final class HttpOutcomes {

    private static final int QUOTED = 300;

    private HttpOutcomes() {
    }

    public static SendOutcome of(String provider, HttpResponse<?> response) {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return SendOutcome.sent();
        }
        String body = response.bodyAsString() == null ? "" : response.bodyAsString().strip();
        String error = provider + " answered " + status + (body.isEmpty() ? "" : ": " + (body.length() > QUOTED
                ? body.substring(0, QUOTED) + "…" : body));
        return status == 429 || status / 100 == 5 ? SendOutcome.recoverable(error) : SendOutcome.permanent(error);
    }
}
