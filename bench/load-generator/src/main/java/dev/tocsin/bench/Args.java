package dev.tocsin.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The generator's command line: {@code --name value} pairs after the mode. Every option read is
 * remembered, so a misspelt option fails the run instead of being ignored silently.
 */
final class Args {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> read = new HashSet<>();

    Args(String[] args, int from) {
        for (int i = from; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got '" + args[i] + "'");
            }
            values.put(args[i].substring(2), args[i + 1]);
        }
    }

    String string(String name, String fallback) {
        read.add(name);
        return values.getOrDefault(name, fallback);
    }

    long number(String name, long fallback) {
        String value = string(name, null);
        return value == null ? fallback : Long.parseLong(value.replace("_", "").replace(",", ""));
    }

    /** A number that must lie within bounds, so every run stays bounded in count and time. */
    long bounded(String name, long fallback, long min, long max) {
        long value = number(name, fallback);
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + name + " must be within " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    /** Fails on any option no mode asked for. */
    void checkAllRead() {
        Set<String> unknown = new HashSet<>(values.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + unknown);
        }
    }

    /** Load goes only to this machine: refuses any address outside the loopback range. */
    static URI loopback(String url) {
        URI uri = URI.create(url);
        requireLoopback(uri.getHost());
        return uri;
    }

    /** {@code --bootstrap}: the Kafka broker's servers, each on this machine. */
    String kafkaBootstrap() {
        String bootstrap = string("bootstrap", "127.0.0.1:19092");
        for (String server : bootstrap.split(",")) {
            requireLoopback(server.substring(0, server.lastIndexOf(':')));
        }
        return bootstrap;
    }

    static void requireLoopback(String host) {
        try {
            if (host == null || !InetAddress.getByName(host).isLoopbackAddress()) {
                throw new IllegalArgumentException("refusing to send load to " + host + ": loopback addresses only");
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host " + host, e);
        }
    }
}
