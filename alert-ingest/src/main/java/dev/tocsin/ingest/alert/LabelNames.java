package dev.tocsin.ingest.alert;

/** Prometheus' rule for label names, which intake, silences and alert search all hold names to. */
public final class LabelNames {

    /** The rule as a regular expression. */
    public static final String PATTERN = "[a-zA-Z_][a-zA-Z0-9_]*";


    private LabelNames() {
    }

    /** Whether the name follows {@link #PATTERN}; checked by hand, as intake does it for every label of every alert. */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }
}
