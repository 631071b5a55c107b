package dev.tocsin.ingest.silence;

/**
 * How large a regex becomes once its counted repetitions are written out, estimated from its text
 * before it is compiled. RE2 matches in linear time, but it compiles {@code x{n}} into n copies of
 * {@code x}, so nested counts multiply: {@code ((a{1000}){1000}){1000}} is short and would need
 * more memory than the service has. Go's regexp refuses such expressions as "too large"; RE2/J
 * does not, so matchers are refused here first.
 *
 * <p>The estimate counts each literal, class, escape or empty group as 1 and multiplies a
 * repeated atom by its largest count; it errs on the large side and never needs to be exact.
 */
final class RegexSize {

    /** Larger than any estimate that matters, small enough never to overflow when multiplied by a count. */
    private static final long CAP = 1L << 40;

    private final String regex;
    private int at;

    private RegexSize(String regex) {
        this.regex = regex;
    }

    /** The estimated size of {@code regex}, at least 1. */
    static long of(String regex) {
        RegexSize size = new RegexSize(regex);
        long total = 0;
        while (size.at < regex.length()) {
            // A ")" without its "(" is a syntax error RE2 reports; count the rest as if it were not there.
            total = Math.min(CAP, total + size.alternation());
            size.at++;
        }
        return Math.max(1, total);
    }

    /** Until the ")" that closes the current group, or the end; alternatives add up. */
    private long alternation() {
        long total = 0;
        while (at < regex.length() && regex.charAt(at) != ')') {
            if (regex.charAt(at) == '|') {
                at++;
                continue;
            }
            long atom = atom();
            total = Math.min(CAP, total + Math.min(CAP, atom * repeat()));
        }
        return total;
    }

    private long atom() {
        char c = regex.charAt(at++);
        switch (c) {
            case '(' -> {
                long inner = alternation();
                at++; // the ")" (or the end, which RE2 refuses)
                return Math.max(1, inner);
            }
            case '[' -> {
                skipClass();
                return 1;
            }
            case '\\' -> {
                return escape();
            }
            default -> {
                return 1;
            }
        }
    }

    /** {@code \Q...\E} is a literal of its length; {@code \p{Greek}}, {@code \x{41}} and the rest count 1. */
    private long escape() {
        if (at >= regex.length()) {
            return 1;
        }
        char c = regex.charAt(at++);
        if (c == 'Q') {
            int end = regex.indexOf("\\E", at);
            int literalEnd = end < 0 ? regex.length() : end;
            long length = Math.max(1, literalEnd - at);
            at = end < 0 ? regex.length() : end + 2;
            return length;
        }
        if ((c == 'p' || c == 'P' || c == 'x') && at < regex.length() && regex.charAt(at) == '{') {
            int end = regex.indexOf('}', at);
            at = end < 0 ? regex.length() : end + 1;
        }
        return 1;
    }

    /** Past the "]" that closes a class; a "]" first in the class, and [:alpha:], are part of it. */
    private void skipClass() {
        if (at < regex.length() && regex.charAt(at) == '^') {
            at++;
        }
        if (at < regex.length() && regex.charAt(at) == ']') {
            at++;
        }
        while (at < regex.length()) {
            char c = regex.charAt(at++);
            if (c == '\\') {
                at++;
            } else if (c == '[' && at < regex.length() && regex.charAt(at) == ':') {
                int end = regex.indexOf(":]", at);
                at = end < 0 ? regex.length() : end + 2;
            } else if (c == ']') {
                return;
            }
        }
    }

    /** The multiplier of the quantifiers after an atom: a count {n}, {n,} or {n,m} by its largest number. */
    private long repeat() {
        long factor = 1;
        while (at < regex.length()) {
            char c = regex.charAt(at);
            long count = c == '{' ? count() : 0;
            if (c == '*' || c == '+' || c == '?') {
                at++;
                factor = Math.min(CAP, factor * 2);
            } else if (count > 0) {
                factor = Math.min(CAP, factor * count);
            } else {
                return factor;
            }
        }
        return factor;
    }

    /**
     * Reads {n}, {n,} or {n,m} at the cursor, moves past it and returns its largest number (at least 1);
     * returns 0 without moving when the "{" is a literal, as RE2 reads a "{" that starts no count.
     */
    private long count() {
        long largest = 0;
        long number = 0;
        int digits = 0;
        int commas = 0;
        for (int i = at + 1; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c >= '0' && c <= '9' && digits < 9) {
                number = number * 10 + (c - '0');
                digits++;
            } else if (c == ',' && commas == 0 && i > at + 1) {
                largest = Math.max(largest, number);
                number = 0;
                digits = 0;
                commas++;
            } else if (c == '}' && (digits > 0 || commas == 1) && i > at + 1) {
                at = i + 1;
                return Math.max(1, Math.max(largest, number));
            } else {
                return 0;
            }
        }
        return 0;
    }
}
