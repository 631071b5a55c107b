package dev.tocsin.ingest.intake;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
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
        for (Map.Entry<String, String> label : sorted(labels).entrySet()) {
            hash = add(hash, label.getKey().getBytes(StandardCharsets.UTF_8));
            hash = add(hash, SEPARATOR);
            hash = add(hash, label.getValue().getBytes(StandardCharsets.UTF_8));
            hash = add(hash, SEPARATOR);
        }
        return hash;
    }

    public static String hex(Map<String, String> labels) {
        return HexFormat.of().toHexDigits(of(labels));
    }

    /** The labels in name order; a map already in that order is used as it is, not copied. */
    private static SortedMap<String, String> sorted(Map<String, String> labels) {
        return labels instanceof SortedMap<String, String> map && map.comparator() == null ? map
                : new TreeMap<>(labels);
    }

    private static long add(long hash, byte... bytes) {
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= PRIME;
        }
        return hash;
    }
}
