package dev.tocsin.ingest.silence;

import java.util.HashMap;
import java.util.Map;

/** The labels matchers see. */
public final class Labels {

    private Labels() {
    }

    /**
     * The alert's labels plus {@code service=<its service>} when it carries no service label: a
     * signal's service travels beside its labels, and silences and rules are often written against it.
     */
    public static Map<String, String> withService(Map<String, String> labels, String service) {
        if (service == null || labels.containsKey("service")) {
            return labels;
        }
        Map<String, String> with = new HashMap<>(labels);
        with.put("service", service);
        return with;
    }
}
