package dev.tocsin.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests whose every alert is new: request {@code i} carries identities {@code i*batch ..
 * i*batch+batch-1}, never repeating within a run. They are made from one prepared request by
 * writing each alert's identity into its fixed-width digit slots (the {@code host-%010d} of its
 * instance, in the labels and annotations), in a buffer of the calling thread's own, so the
 * generator spends no more CPU on a new alert than on a repeated one.
 */
final class FreshRequests {

    private static final byte[] MARK = "host-".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGITS = 10;

    private final int batch;
    /** Offset of each slot's first digit, and the alert of the template it belongs to. */
    private final int[] offsets;
    private final int[] alerts;
    private final ThreadLocal<byte[]> buffers;

    FreshRequests(byte[] template, int batch) {
        this.batch = batch;
        List<int[]> slots = new ArrayList<>();
        for (int at = 0; (at = indexOf(template, at)) >= 0; at += MARK.length) {
            int digits = at + MARK.length;
            slots.add(new int[] {digits, Integer.parseInt(new String(template, digits, DIGITS, StandardCharsets.US_ASCII))});
        }
        this.offsets = slots.stream().mapToInt(slot -> slot[0]).toArray();
        this.alerts = slots.stream().mapToInt(slot -> slot[1]).toArray();
        this.buffers = ThreadLocal.withInitial(template::clone);
    }

    /** Request {@code i}, valid until this thread asks for the next one. */
    byte[] get(long i) {
        byte[] request = buffers.get();
        for (int s = 0; s < offsets.length; s++) {
            long identity = i * batch + alerts[s];
            for (int d = offsets[s] + DIGITS - 1; d >= offsets[s]; d--) {
                request[d] = (byte) ('0' + identity % 10);
                identity /= 10;
            }
        }
        return request;
    }

    private static int indexOf(byte[] bytes, int from) {
        outer:
        for (int i = from; i <= bytes.length - MARK.length - DIGITS; i++) {
            for (int j = 0; j < MARK.length; j++) {
                if (bytes[i + j] != MARK[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
