package dev.tocsin.ingest.alert;

import java.util.regex.Pattern;

/** Prometheus' rule for label names, which intake, silences and alert search all hold names to. */
public final class LabelNames {

    /** The rule as a regular expression. */
    public static final String PATTERN = "[a-zA-Z_][a-zA-Z0-9_]*";

    private static final Pattern NAME = Pattern.compile(PATTERN);

    private LabelNames() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
