package dev.tocsin.testing.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hostile values of the corpus. Some cannot be written by a JSON library (an unpaired surrogate
 * escape, overlong UTF-8 bytes, 2,000 levels of nesting), so a body carries a marker string that
 * {@link #render} replaces in the finished bytes.
 */
final class BadValues {

    /** A string long enough to be over any sane field limit and most body limits. */
    static final int HUGE = 300 * 1024;
    /** Deeper than any parser should follow. */
    static final int DEEP = 2_000;

    static final String DEEP_MARKER = "\uE000deep\uE000";
    static final String HIGH_SURROGATE_MARKER = "\uE000high\uE000";
    static final String LOW_SURROGATE_MARKER = "\uE000low\uE000";
    static final String OVERLONG_MARKER = "\uE000overlong\uE000";

    private BadValues() {
    }

    /** Strings that no field of a JSON API may store, each with what it is. */
    static Map<String, String> strings() {
        Map<String, String> strings = new LinkedHashMap<>();
        strings.put("a NUL character", "a\u0000b");
        strings.put("a BEL control character", "a\u0007b");
        strings.put("an unpaired high surrogate", "a" + HIGH_SURROGATE_MARKER + "b");
        strings.put("an unpaired low surrogate", "a" + LOW_SURROGATE_MARKER + "b");
        strings.put("overlong UTF-8 bytes (0xC0 0xAF)", "a" + OVERLONG_MARKER + "b");
        strings.put("a 300 KB string", "x".repeat(HUGE));
        return strings;
    }

    /** Turns a JSON text with markers into the bytes to send. */
    static byte[] render(String json) {
        String text = json.replace("\"" + DEEP_MARKER + "\"", "[".repeat(DEEP) + "]".repeat(DEEP))
                .replace(HIGH_SURROGATE_MARKER, "\\ud800")
                .replace(LOW_SURROGATE_MARKER, "\\udc00");
        int at = text.indexOf(OVERLONG_MARKER);
        if (at < 0) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        byte[] before = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] after = text.substring(at + OVERLONG_MARKER.length()).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[before.length + 2 + after.length];
        System.arraycopy(before, 0, bytes, 0, before.length);
        bytes[before.length] = (byte) 0xC0;
        bytes[before.length + 1] = (byte) 0xAF;
        System.arraycopy(after, 0, bytes, before.length + 2, after.length);
        return bytes;
    }
}
