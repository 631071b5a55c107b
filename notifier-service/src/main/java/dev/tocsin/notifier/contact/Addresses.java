package dev.tocsin.notifier.contact;

import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.events.delivery.Channel;
import dev.tocsin.notifier.NotifierConfig;
import dev.tocsin.notifier.channel.push.FcmPush;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;

/** Checks a contact method's address against its type, so a typo fails when it is configured, not during a page. */
public final class Addresses {

    /** The HTML Living Standard's "valid email address": what browsers accept in an email field. */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    /** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    /** Slack's ids: a member (U, W) for a direct message, a channel (C, G) or a direct message channel (D). */
    private static final Pattern SLACK = Pattern.compile("[UWCGD][A-Z0-9]{8,20}");

    /** Ids in paths: letters, digits and {@code . _ @ : -}, as user ids from other services may hold. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._@:-]{1,128}");

    private Addresses() {
    }

    /**
     * The address as stored: an email address for {@code EMAIL}, an ntfy topic URL on one of
     * the deployment's ntfy servers or {@code fcm:} and a device token for {@code PUSH}, an E.164 phone number for {@code SMS} and
     * {@code VOICE}, a member or channel id for {@code SLACK}, an incoming webhook URL under one of
     * the allowed prefixes for {@code TEAMS} and {@code MATTERMOST}.
     *
     * @throws ProblemException 400 naming {@code type} or {@code address}
     */
    public static String check(Channel type, String address, NotifierConfig config) {
        List<String> webhookPrefixes = config.chat().webhookPrefixes().orElse(List.of());
        return switch (type) {
            case EMAIL -> email(address);
            case PUSH -> push(address, config);
            case SMS, VOICE -> phone(address);
            case SLACK -> slack(address);
            case TEAMS, MATTERMOST -> webhook(type, address, webhookPrefixes);
        };
    }

    private static String push(String address, NotifierConfig config) {
        String trimmed = address.strip();
        String problem = FcmPush.isDeviceToken(trimmed) ? FcmPush.problem(trimmed, config)
                : PushTopic.problem(trimmed, config.ntfy().servers());
        if (problem != null) {
            throw ProblemException.badRequest("address", problem);
        }
        return trimmed;
    }

    private static String webhook(Channel type, String address, List<String> prefixes) {
        String url = address.strip();
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ProblemException.badRequest("address", "'" + url + "' is not a URL; a " + type
                    + " address is the channel's incoming webhook URL");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null || !"https".equals(uri.getScheme())
                && !"http".equals(uri.getScheme())) {
            throw ProblemException.badRequest("address", "must be an http(s) webhook URL without credentials or fragment");
        }
        if (!underPrefix(url, prefixes)) {
            throw ProblemException.badRequest("address", prefixes.isEmpty()
                    ? "this deployment allows no chat webhooks (tocsin.notifier.chat.webhook-prefixes, TOCSIN_CHAT_WEBHOOK_PREFIXES)"
                    : "'" + url + "' starts with none of the webhook URLs this deployment allows (" + String.join(", ",
                            prefixes) + ")");
        }
        return url;
    }

    /** Whether a chat webhook URL starts with one of the prefixes the deployment allows. */
    public static boolean underPrefix(String url, List<String> prefixes) {
        return prefixes.stream().anyMatch(url::startsWith);
    }

    private static String slack(String address) {
        String id = address.strip();
        if (!SLACK.matcher(id).matches()) {
            throw ProblemException.badRequest("address", "'" + id + "' is not a Slack member or channel id, e.g. U024BE7LH"
                    + " or C024BE91L (a name like #ops is not one: names change, ids do not)");
        }
        return id;
    }

    private static String phone(String address) {
        // People write numbers with spaces, dashes and parentheses; providers take the bare E.164 form.
        String bare = address.strip().replaceAll("[\\s().-]", "");
        if (!E164.matcher(bare).matches()) {
            throw ProblemException.badRequest("address", "'" + address.strip()
                    + "' is not a phone number in E.164 form, e.g. +15551234567");
        }
        return bare;
    }

    private static String email(String address) {
        String trimmed = address.strip();
        if (!EMAIL.matcher(trimmed).matches()) {
            throw ProblemException.badRequest("address", "'" + trimmed + "' is not a valid email address");
        }
        return trimmed;
    }

    /** @throws ProblemException 400 naming {@code field} */
    public static void checkId(String field, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw ProblemException.badRequest(field, "must be 1-128 letters, digits or . _ @ : -");
        }
    }
}
