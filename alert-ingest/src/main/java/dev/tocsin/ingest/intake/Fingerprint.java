package dev.tocsin.ingest.intake;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alertmanager's alert fingerprint: FNV-1a 64 over the label names in sorted order, each name and
 * value followed by the separator byte 0xff, as 16 lowercase hex digits. Using the same function
 * as Alertmanager means an alert has the same identity in both, which makes migrating easy.
 */
public final class Fingerprint {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private static final byte SEPARATOR = (byte) 0xff;

    private Fingerprint() {
    }

    public static long of(Map<String, String> labels) {
        long hash = OFFSET;
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            hash = add(hash, label.getKey().getBytes(StandardCharsets.UTF_8));
            hash = add(hash, SEPARATOR);
            hash = add(hash, label.getValue().getBytes(StandardCharsets.UTF_8));
            hash = add(hash, SEPARATOR);
        }
        return hash;
    }

    public static String hex(Map<String, String> labels) {
        return String.format("%016x", of(labels));
    }

    private static long add(long hash, byte... bytes) {
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= PRIME;
        }
        return hash;
    }
}
