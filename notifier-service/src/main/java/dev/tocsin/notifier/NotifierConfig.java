package dev.tocsin.notifier;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Settings of notifier-service's delivery: how often and how patiently it tries to reach a person. */
@ConfigMapping(prefix = "tocsin.notifier")
public interface NotifierConfig {

    /** Attempts per delivery, the first one included, before a recoverable failure abandons it. */
    @WithDefault("5")
    int maxAttempts();

    /** Wait after the first failed attempt; it doubles after each further failure. */
    @WithDefault("30s")
    Duration backoffBase();

    /** Longest wait between two attempts, however many failed. */
    @WithDefault("10m")
    Duration backoffMax();

    /**
     * How long one provider call may take before it counts as a recoverable failure. The attempt
     * runs while its deadline row is locked, so a hung relay must not hold it for ever.
     */
    @WithDefault("30s")
    Duration sendTimeout();

    /**
     * Connections each provider's HTTP client opens to one host at most (an ntfy server, FCM,
     * Twilio, Slack, a chat webhook's or an SMS gateway's host). Unset, as many as the engine has
     * delivery workers, so an attempt never queues inside the client behind others to the same
     * host: with HTTP/1.1's five, a host answering in 100 ms took at most 50 messages a second,
     * and every page after that waited.
     */
    OptionalInt providerConnections();

    /** Push notifications through ntfy. */
    Ntfy ntfy();

    /** Push notifications through Firebase Cloud Messaging's HTTP v1 API. */
    Fcm fcm();

    interface Fcm {

        /**
         * The Firebase project's service account key, the JSON file the Firebase console downloads;
         * none, and {@code fcm:} push addresses are refused. Its {@code token_uri} is where the
         * account's signed assertion is exchanged for an OAuth2 access token.
         */
        Optional<String> serviceAccount();

        /** FCM's API; tests and the local stack point it at a fake. */
        @WithDefault("https://fcm.googleapis.com")
        String apiUrl();
    }

    /**
     * notifier-service's public URL, without a trailing slash: where people open signed links
     * ({@code /actions/...}) and where providers call back ({@code /webhooks/...}).
     */
    @WithDefault("http://127.0.0.1:8084")
    String publicUrl();

    /** The public URL with {@code path} (starting with a slash) appended. */
    default String publicUrl(String path) {
        String base = publicUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    /** SMS and voice calls through Twilio. */
    Twilio twilio();

    /** Slack: a bot that posts pages with buttons, and the signing secret its interactions are checked with. */
    Slack slack();

    interface Slack {

        /** The bot's token ({@code xoxb-…}), with the {@code chat:write} scope. */
        Optional<String> botToken();

        /** The app's signing secret: Slack signs every interaction with it. */
        Optional<String> signingSecret();

        /** Slack's Web API; tests and the local stack point it at a fake. */
        @WithDefault("https://slack.com/api")
        String apiUrl();
    }

    /** How many SMS and calls one number takes in a window; the first message about a page always goes. */
    Throttle throttle();

    interface Throttle {

        @WithDefault("5")
        int sms();

        @WithDefault("3")
        int voice();

        @WithDefault("15m")
        Duration window();
    }

    /** One message for a storm's pages, per contact method. */
    Bundle bundle();

    interface Bundle {

        /**
         * After a page's message to an SMS number or push address, a message about another page
         * that falls due there within this window waits for the window's end, and all that waited
         * go as one message ("4 pages for checkout: …"); {@code 0s} sends every page alone.
         */
        @WithDefault("30s")
        Duration window();
    }

    /** Microsoft Teams and Mattermost, through incoming webhooks. */
    Chat chat();

    interface Chat {

        /**
         * The URL prefixes a TEAMS or MATTERMOST contact method's webhook URL may start with
         * ({@code https://mattermost.example.com/hooks/}, {@code https://example.webhook.office.com/});
         * none by default, so no contact method can point notifier-service at an address nobody allowed.
         */
        Optional<List<String>> webhookPrefixes();
    }

    /** Which provider sends SMS. */
    Sms sms();

    interface Sms {

        /** {@code twilio}, or {@code http} for an SMS gateway of your own ({@link #http}). */
        @WithDefault("twilio")
        String provider();

        /** A generic HTTP SMS gateway: no vendor's API, a small JSON contract of Tocsin's own. */
        Http http();

        interface Http {

            /** Where each message is POSTed as JSON ({@code to}, {@code text}, {@code id}). */
            Optional<String> url();

            /** Sent as {@code Authorization: Bearer <token>}. */
            Optional<String> token();

            /** The HMAC-SHA256 key the gateway signs inbound messages with ({@code POST /webhooks/sms}). */
            Optional<String> secret();
        }
    }

    interface Twilio {

        /** The account ({@code AC…}); none, and SMS and voice deliveries fail as not configured. */
        Optional<String> accountSid();

        /** The account's auth token: the API's password, and the key Twilio signs its webhooks with. */
        Optional<String> authToken();

        /** The number messages and calls come from, in E.164 ({@code +15017122661}). */
        Optional<String> from();

        /** Twilio's API; tests and the local stack point it at a fake. */
        @WithDefault("https://api.twilio.com")
        String apiUrl();
    }

    /** Signed acknowledge and resolve links in what a person is sent. */
    Links links();

    interface Links {

        /**
         * The HMAC-SHA256 key the links are signed with, the same on every replica; none, and
         * messages carry no links (an unsigned link would let anyone acknowledge anything).
         */
        Optional<String> secret();


        /** How long a link works after its message was sent. */
        @WithDefault("12h")
        Duration ttl();
    }

    interface Ntfy {

        /**
         * The ntfy servers a push contact method may name: its address is a topic URL on one of
         * them ({@code https://ntfy.sh/tocsin-alice-4f2k}). Nothing else is ever called, so a
         * contact method cannot point notifier-service at an internal address.
         */
        @WithDefault("https://ntfy.sh")
        List<String> servers();

        /** An access token ({@code tk_…}) sent as a bearer token, for servers whose topics need one. */
        Optional<String> token();
    }
}
