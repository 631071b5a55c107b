package dev.tocsin.notifier.contact;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A push contact method's address: an ntfy topic URL, {@code <server>/<topic>}, on one of the
 * servers the deployment allows ({@code tocsin.notifier.ntfy.servers}).
 *
 * @param server the server's base URL, as configured, without a trailing slash
 * @param topic the topic name: letters, digits, {@code -} and {@code _}, as ntfy allows
 */
public record PushTopic(String server, String topic) {

    private static final Pattern TOPIC = Pattern.compile("[-_A-Za-z0-9]{1,64}");

    /**
     * The topic a stored address names, on one of {@code servers}; empty when none of them is its
     * server any more. The rest of the address was checked ({@link #problem}) when it was configured.
     */
    public static Optional<PushTopic> on(String address, List<String> servers) {
        return Optional.ofNullable(split(address.strip(), servers));
    }

    /** Why {@code address} is no topic URL on one of {@code servers}, in the API's words; null when it is one. */
    public static String problem(String address, List<String> servers) {
        String trimmed = address.strip();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            return "'" + trimmed + "' is not a URL; a push address is an ntfy topic URL like " + example(servers);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            return "must be an ntfy topic URL without credentials, query or fragment, like " + example(servers);
        }
        PushTopic topic = split(trimmed, servers);
        if (topic == null) {
            return "'" + trimmed + "' is on no ntfy server this deployment sends to (" + String.join(", ", servers)
                    + ", tocsin.notifier.ntfy.servers)";
        }
        if (!TOPIC.matcher(topic.topic()).matches()) {
            return "the topic must be 1-64 letters, digits, '-' or '_', and hard to guess: anyone who knows it "
                    + "reads the pages";
        }
        return null;
    }

    private static PushTopic split(String address, List<String> servers) {
        for (String configured : servers) {
            String server = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
            if (address.startsWith(server + "/")) {
                return new PushTopic(server, address.substring(server.length() + 1));
            }
        }
        return null;
    }

    private static String example(List<String> servers) {
        return (servers.isEmpty() ? "https://ntfy.sh" : servers.get(0)) + "/tocsin-alice-4f2k";
    }
}
