package dev.tocsin.events.alert;

import java.util.Map;

/**
 * How a drill is told from a real alert (SRE book ch. 11, disaster role-playing): a drill's alert
 * carries the label {@value #LABEL} naming the drill, which alert-ingest refuses from any other
 * source, and its summary starts with {@value #PREFIX}. The label travels with the alert's labels
 * on {@link AlertTriggered} and on every notify request of its page; {@code PageOpened.drillId}
 * names it for the page's consumers, which do not see the labels.
 */
public final class Drill {

    public static final String LABEL = "tocsin_drill";
    public static final String PREFIX = "DRILL: ";

    private Drill() {
    }

    /** The drill id the labels name, or null when they are a real alert's. */
    public static String idOf(Map<String, String> labels) {
        return labels == null ? null : labels.get(LABEL);
    }
}
