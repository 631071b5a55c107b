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
    /** alert-ingest's own: normalized signals, acknowledged by Kafka before the HTTP 202. */
    public static final String ALERT_SIGNALS = "tocsin.alert-signals";

    private Topics() {
    }
}
