package dev.tocsin.notifier.channel.push;

import dev.tocsin.notifier.NotifierConfig;
import dev.tocsin.notifier.action.ActionLinks;
import dev.tocsin.notifier.action.PageAction;
import dev.tocsin.notifier.channel.Attempt;
import dev.tocsin.notifier.channel.Bundle;
import dev.tocsin.notifier.channel.HttpOutcomes;
import dev.tocsin.notifier.channel.Notification;
import dev.tocsin.notifier.channel.ProviderClients;
import dev.tocsin.notifier.channel.SendOutcome;
import dev.tocsin.notifier.channel.email.EmailRenderer;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Push through Firebase Cloud Messaging's HTTP v1 API, to the device token an app registered with
 * FCM ({@code fcm:<token>}).
 *
 * <p>The service account signs an RS256 assertion (issuer its email, audience its token URI, scope
 * Firebase messaging, an hour long), which its token URI exchanges for an OAuth2 access token. The
 * token is reused until five minutes before it expires; concurrent sends share one exchange. Each
 * message is {@code POST /v1/projects/<project>/messages:send}: a notification (title and body),
 * high priority on Android, priority 10 and a time-sensitive alert on iOS, the category
 * {@code TOCSIN_PAGE} a receiving app attaches its Acknowledge action to, and the signed links in
 * {@code data} ({@code acknowledge_url}, …), which the action POSTs to.
 *
 * <p>FCM's 401 means the access token stopped working: it is dropped and the attempt is worth
 * repeating. 404 {@code UNREGISTERED} (the app is gone) and 400 {@code INVALID_ARGUMENT} will not
 * change; 429 and 5xx will.
 */
@ApplicationScoped
public class FcmPush {

    public static final String PREFIX = "fcm:";
    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    static final String CATEGORY = "TOCSIN_PAGE";
    private static final Pattern DEVICE_TOKEN = Pattern.compile("[A-Za-z0-9_:-]{20,4096}");
    private static final Duration ASSERTION_LIFE = Duration.ofHours(1);
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);
    private static final int MAX_BODY = 1000;

    private final WebClient client;
    private final NotifierConfig config;
    private final ActionLinks links;
    /**
     * Wall time, not the service's clock: the assertion's times are checked against Google's
     * clock, and the access token expires by it, whatever a test does to the service's time.
     */
    private final Clock wall = Clock.systemUTC();
    private final FcmServiceAccount account;
    private volatile AccessToken token;
    private Uni<AccessToken> exchanging;

    FcmPush(ProviderClients clients, NotifierConfig config, ActionLinks links) {
        this.config = config;
        this.links = links;
        this.account = config.fcm().serviceAccount().map(FcmServiceAccount::read).orElse(null);
        this.client = clients.create();
    }

    /** Whether a push address is an FCM device token rather than an ntfy topic URL. */
    public static boolean isDeviceToken(String address) {
        return address.startsWith(PREFIX);
    }

    /** Why {@code address} is no FCM device token this deployment can send to, in the API's words; null when it is one. */
    public static String problem(String address, NotifierConfig config) {
        if (config.fcm().serviceAccount().isEmpty()) {
            return "this deployment sends no FCM push (tocsin.notifier.fcm.service-account, TOCSIN_FCM_SERVICE_ACCOUNT)";
        }
        if (!DEVICE_TOKEN.matcher(address.substring(PREFIX.length())).matches()) {
            return "an FCM push address is fcm: and the device's registration token (20-4096 letters, digits, "
                    + "'_', ':' or '-')";
        }
        return null;
    }

    Uni<SendOutcome> send(Attempt attempt) {
        if (account == null) {
            // Checked when it was configured; the deployment may have dropped FCM since.
            return Uni.createFrom().item(SendOutcome.permanent("FCM push is not configured "
                    + "(tocsin.notifier.fcm.service-account)"));
        }
        String deviceToken = attempt.address().substring(PREFIX.length());
        JsonObject message = attempt.bundle().map(bundle -> message(bundle, deviceToken, links::links))
                .orElseGet(() -> message(attempt.notification(), deviceToken, links.links(attempt.notification())));
        return accessToken().onItem().transformToUni(current -> client
                .postAbs(config.fcm().apiUrl() + "/v1/projects/" + account.projectId() + "/messages:send")
                .timeout(config.sendTimeout().toMillis())
                .bearerTokenAuthentication(current.value())
                .sendJsonObject(new JsonObject().put("message", message))
                .map(response -> {
                    if (response.statusCode() == 401) {
                        forget(current);
                        return SendOutcome.recoverable("FCM refused the access token: " + response.bodyAsString());
                    }
                    return HttpOutcomes.of("FCM", response);
                })
                .onFailure().recoverWithItem(e -> SendOutcome.recoverable("FCM unreachable: " + e)))
                .onFailure(TokenRefused.class).recoverWithItem(e -> SendOutcome.permanent(e.getMessage()))
                .onFailure().recoverWithItem(e -> SendOutcome.recoverable("FCM's access token exchange failed: " + e));
    }

    /** The message; {@code data} carries only strings, as FCM requires, and no reserved keys. */
    static JsonObject message(Notification notification, String deviceToken, Map<PageAction, String> actions) {
        JsonObject data = new JsonObject().put("service", notification.service());
        boolean aboutAPage = notification.alertId() != null;
        if (aboutAPage) {
            data.put("page_id", notification.pageId());
        }
        if (notification.severity() != null) {
            data.put("severity", notification.severity());
        }
        actions.forEach((action, url) -> data.put(action.name().toLowerCase(Locale.ROOT) + "_url", url));
        return envelope(deviceToken, EmailRenderer.subject(notification), EmailRenderer.text(notification), data,
                aboutAPage ? notification.pageId() : null);
    }

    /**
     * A storm's message about several pages: their lines and acknowledge links in the body, their
     * ids in {@code page_ids} (comma-separated), and no collapse key, so it replaces no single page's
     * notification on the device.
     */
    static JsonObject message(Bundle bundle, String deviceToken, Function<Notification, Map<PageAction, String>> links) {
        JsonObject data = new JsonObject().put("page_ids",
                String.join(",", bundle.pages().stream().map(Notification::pageId).toList()));
        return envelope(deviceToken, bundle.title(), bundle.text(links), data, null);
    }

    /** @param collapseKey the page a repeat replaces the notification of on the device; null for none */
    private static JsonObject envelope(String deviceToken, String title, String text, JsonObject data,
            String collapseKey) {
        String body = text.length() > MAX_BODY ? text.substring(0, MAX_BODY - 1) + "…" : text;
        JsonObject android = new JsonObject().put("priority", "HIGH").put("ttl", "3600s")
                .put("notification", new JsonObject().put("channel_id", "tocsin-pages").put("click_action", CATEGORY));
        JsonObject apns = new JsonObject()
                .put("headers", new JsonObject().put("apns-priority", "10").put("apns-push-type", "alert"))
                .put("payload", new JsonObject().put("aps", new JsonObject().put("category", CATEGORY)
                        .put("sound", "default").put("interruption-level", "time-sensitive")));
        if (collapseKey != null) {
            // One notification per page on the device: a repeat about the page replaces the last.
            android.getJsonObject("notification").put("tag", collapseKey);
            apns.getJsonObject("headers").put("apns-collapse-id", collapseId(collapseKey));
        }
        return new JsonObject()
                .put("token", deviceToken)
                .put("notification", new JsonObject().put("title", title).put("body", body))
                .put("data", data)
                .put("android", android)
                .put("apns", apns);
    }

    /** APNs takes at most 64 bytes as a collapse id. */
    private static String collapseId(String pageId) {
        return pageId.length() <= 64 ? pageId : pageId.substring(0, 64);
    }

    private Uni<AccessToken> accessToken() {
        AccessToken current = token;
        if (current != null && current.expires().isAfter(wall.instant().plus(RENEW_BEFORE))) {
            return Uni.createFrom().item(current);
        }
        synchronized (this) {
            if (exchanging == null) {
                exchanging = exchange().onTermination().invoke(() -> {
                    synchronized (this) {
                        exchanging = null;
                    }
                }).memoize().indefinitely();
            }
            return exchanging;
        }
    }

    private synchronized void forget(AccessToken refused) {
        if (token == refused) {
            token = null;
        }
    }

    /** The assertion for the token URI: RFC 7523's JWT bearer grant, as Google's service accounts use it. */
    private Uni<AccessToken> exchange() {
        Instant now = wall.instant();
        return Uni.createFrom().item(() -> Jwt.issuer(account.clientEmail()).audience(account.tokenUri())
                        .claim("scope", SCOPE).issuedAt(now).expiresAt(now.plus(ASSERTION_LIFE))
                        .jws().algorithm(SignatureAlgorithm.RS256).keyId(account.keyId()).sign(account.privateKey()))
                .chain(assertion -> client.postAbs(account.tokenUri()).timeout(config.sendTimeout().toMillis())
                        .sendForm(MultiMap.caseInsensitiveMultiMap()
                                .add("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer")
                                .add("assertion", assertion)))
                .map(response -> {
                    if (response.statusCode() / 100 == 4) {
                        throw new TokenRefused("FCM's token endpoint refused the service account "
                                + account.clientEmail() + ": " + response.bodyAsString());
                    }
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("FCM's token endpoint answered " + response.statusCode());
                    }
                    JsonObject answer = response.bodyAsJsonObject();
                    AccessToken issued = new AccessToken(answer.getString("access_token"),
                            now.plusSeconds(answer.getLong("expires_in", 3600L)));
                    token = issued;
                    return issued;
                });
    }

    private record AccessToken(String value, Instant expires) {
    }

    /** The token endpoint said no: the key is revoked or wrong, which another attempt will not change. */
    private static final class TokenRefused extends RuntimeException {
        TokenRefused(String message) {
            super(message, null, false, false);
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
