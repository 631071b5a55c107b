package dev.tocsin.events.notify;

import dev.tocsin.events.IntegrationEvent;

/** What escalation-service asks of notifier-service on {@code tocsin.notify-requests}, keyed by page id. */
public sealed interface NotifyEvent extends IntegrationEvent permits NotifyRequested {
}
