package dev.tocsin.notifier.contact;

import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.events.delivery.Channel;
import java.util.List;
import java.util.regex.Pattern;

/** Checks a contact method's address against its type, so a typo fails when it is configured, not during a page. */
public final class Addresses {

    /** The HTML Living Standard's "valid email address": what browsers accept in an email field. */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    /** Ids in paths: letters, digits and {@code . _ @ : -}, as user ids from other services may hold. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._@:-]{1,128}");

    private Addresses() {
    }

    /**
     * The address as stored: an email address for {@code EMAIL}, an ntfy topic URL on one of
     * {@code pushServers} for {@code PUSH}.
     *
     * @throws ProblemException 400 naming {@code type} or {@code address}
     */
    public static String check(Channel type, String address, List<String> pushServers) {
        return switch (type) {
            case EMAIL -> email(address);
            case PUSH -> push(address, pushServers);
            case SMS, VOICE -> throw ProblemException.badRequest("type", type
                    + " contact methods are not supported yet; use EMAIL or PUSH");
        };
    }

    private static String push(String address, List<String> servers) {
        String problem = PushTopic.problem(address, servers);
        if (problem != null) {
            throw ProblemException.badRequest("address", problem);
        }
        return address.strip();
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
