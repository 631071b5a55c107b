package dev.tocsin.events;

/** Kafka topic names. SmallRye channel names equal these, so each name lives only here. */
public final class Topics {
    public static final String ALERTS = "tocsin.alerts";
    public static final String PAGES = "tocsin.pages";
    public static final String PAGE_COMMANDS = "tocsin.page-commands";
    public static final String NOTIFY_REQUESTS = "tocsin.notify-requests";
    public static final String NOTIFICATIONS = "tocsin.notifications";
    public static final String INCIDENTS = "tocsin.incidents";
    public static final String CHANGES = "tocsin.changes";
    /**
     * escalation-service's directory (teams, memberships, API tokens), which every service projects;
     * compacted, so each entity's latest event is kept for as long as the entity matters.
     */
    public static final String DIRECTORY = "tocsin.directory";
    /** alert-ingest's own: normalized signals, acknowledged by Kafka before the HTTP 202. */
    public static final String ALERT_SIGNALS = "tocsin.alert-signals";

    /** Whether {@code topic} keeps only the latest record of each key ({@code cleanup.policy=compact}). */
    public static boolean compacted(String topic) {
        return DIRECTORY.equals(topic);
    }

    private Topics() {
    }
}
