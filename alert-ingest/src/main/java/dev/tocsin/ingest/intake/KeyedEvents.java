package dev.tocsin.ingest.intake;

import dev.tocsin.eventing.api.Problem.FieldError;
import dev.tocsin.events.alert.Image;
import dev.tocsin.events.alert.Link;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.SignalAction;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Rules shared by the formats whose sender names its alert with a dedup key (PagerDuty Events API v2
 * and the generic webhook): the actions, the key's length, generating one for a trigger without it,
 * scoping it to the integration key's service, and checking links and images.
 */
public final class KeyedEvents {

    /** PagerDuty's limit on {@code dedup_key}. */
    public static final int MAX_DEDUP_KEY = 255;
    /** PagerDuty's limit on {@code summary}. */
    public static final int MAX_SUMMARY = 1024;

    private KeyedEvents() {
    }

    /**
     * A keyed event made a signal, or the errors that kept it from being one.
     *
     * @param signal the signal, null when {@code errors} is not empty
     * @param dedupKey the caller's dedup key, or the one made for it, to return in the answer
     */
    public record Normalized(AlertSignalReceived signal, String dedupKey, List<FieldError> errors) {
    }

    /** The action named {@code trigger}, {@code acknowledge} or {@code resolve}; null for anything else. */
    public static SignalAction action(String name) {
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "trigger" -> SignalAction.TRIGGER;
            case "acknowledge" -> SignalAction.ACKNOWLEDGE;
            case "resolve" -> SignalAction.RESOLVE;
            default -> null;
        };
    }

    /** Checks a sender's dedup key: at most 255 characters, and present unless the action triggers. */
    public static void checkDedupKey(String dedupKey, SignalAction action, List<FieldError> errors) {
        if (dedupKey != null && dedupKey.length() > MAX_DEDUP_KEY) {
            errors.add(new FieldError("dedup_key", "must be at most " + MAX_DEDUP_KEY + " characters"));
        } else if ((dedupKey == null || dedupKey.isBlank()) && action != null && action != SignalAction.TRIGGER) {
            errors.add(new FieldError("dedup_key", "is required to " + action.name().toLowerCase(Locale.ROOT)));
        }
    }

    /** Checks a trigger's summary: present and at most 1024 characters. */
    public static void checkSummary(String summary, String at, List<FieldError> errors) {
        if (summary == null || summary.isBlank()) {
            errors.add(new FieldError(at, "is required"));
        } else if (summary.length() > MAX_SUMMARY) {
            errors.add(new FieldError(at, "must be at most " + MAX_SUMMARY + " characters"));
        }
    }

    /** The sender's dedup key, or a new one (32 hex digits, as PagerDuty makes them) when it gave none. */
    public static String dedupKeyOrNew(String dedupKey) {
        return dedupKey == null || dedupKey.isBlank() ? UUID.randomUUID().toString().replace("-", "") : dedupKey;
    }

    /**
     * The internal dedup key: the sender's, namespaced by the alert's service as PagerDuty scopes it,
     * so two services' senders may use the same key for different alerts, and no integration key
     * can acknowledge or resolve an alert of a service it does not speak for.
     */
    public static String scoped(String service, String dedupKey) {
        return service + "/" + dedupKey;
    }

    public static void checkLinks(List<Link> links, List<FieldError> errors) {
        for (int i = 0; links != null && i < links.size(); i++) {
            if (links.get(i) == null || blank(links.get(i).href())) {
                errors.add(new FieldError("links[" + i + "].href", "is required"));
            }
        }
    }

    public static void checkImages(List<Image> images, List<FieldError> errors) {
        for (int i = 0; images != null && i < images.size(); i++) {
            if (images.get(i) == null || blank(images.get(i).src())) {
                errors.add(new FieldError("images[" + i + "].src", "is required"));
            }
        }
    }

    /** Free-form details as a JSON object: an object as given, any other value under {@code value}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> details(Object details) {
        if (details == null) {
            return null;
        }
        return details instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of("value", details);
    }

    /** A list, or null when it is empty: the events leave out what the sender left out. */
    public static <T> List<T> nullIfEmpty(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }

    public static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
