package dev.tocsin.notifier.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.notifier.NotifierConfig;
import dev.tocsin.notifier.channel.Notification;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring, single-purpose links that act on a page for the person they were sent to:
 * {@code <base-url>/actions/<payload>.<signature>}, the payload naming the action, the page, its
 * alert, the person and when the link stops working, the signature an HMAC-SHA256 of it with
 * {@code tocsin.notifier.links.secret}. A link does exactly the one thing it names; a changed
 * byte, another key or a passed expiry and it does nothing.
 */
@Singleton
public class ActionLinks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final NotifierConfig.Links config;
    private final UnaryOperator<String> publicUrl;
    private final Clock clock;
    /** The signing key, built once; absent when no secret is configured and links are off. */
    private final Optional<SecretKeySpec> key;

    ActionLinks(NotifierConfig config, Clock clock) {
        this.config = config.links();
        this.publicUrl = config::publicUrl;
        this.clock = clock;
        this.key = this.config.secret().map(secret -> new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8),
                "HmacSHA256"));
    }

    /** Each action's link for the notification, in the order shown; none when no key is configured. */
    public Map<PageAction, String> links(Notification notification) {
        Map<PageAction, String> links = new LinkedHashMap<>();
        // A notice about no page (a shift handoff, a verification code) has nothing to act on.
        if (key.isEmpty() || notification.alertId() == null) {
            return links;
        }
        Instant expires = clock.instant().plus(config.ttl());
        for (PageAction action : PageAction.values()) {
            links.put(action, url(new SignedAction(action, notification.pageId(), notification.alertId(),
                    notification.userId(), expires)));
        }
        return links;
    }

    /** The link that asks for {@code action}. */
    public String url(SignedAction action) {
        ObjectNode payload = JSON.createObjectNode().put("a", action.action().word()).put("p", action.pageId())
                .put("al", action.alertId()).put("u", action.person()).put("exp", action.expires().getEpochSecond());
        String encoded = ENCODE.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        return publicUrl.apply("/actions/" + encoded + "." + ENCODE.encodeToString(mac(encoded)));
    }

    /** What a link's token says, if it was signed with this deployment's key; expiry is the caller's to judge. */
    public Optional<SignedAction> verify(String token) {
        if (key.isEmpty() || token == null || token.length() > 2048) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String encoded = token.substring(0, dot);
        try {
            byte[] signature = DECODE.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(encoded))) {
                return Optional.empty();
            }
            JsonNode payload = JSON.readTree(DECODE.decode(encoded));
            return PageAction.of(payload.path("a").asText()).map(action -> new SignedAction(action,
                    payload.path("p").asText(), payload.path("al").asText(), payload.path("u").asText(),
                    Instant.ofEpochSecond(payload.path("exp").asLong())));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** Whether the link has stopped working. */
    public boolean expired(SignedAction action) {
        return !clock.instant().isBefore(action.expires());
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key.orElseThrow());
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** What a verified link asks for. */
    public record SignedAction(PageAction action, String pageId, String alertId, String person, Instant expires) {
    }
}
