package dev.tocsin.events.page;

import dev.tocsin.events.IntegrationEvent;

/** Events of the Page aggregate published on {@code tocsin.pages}, keyed by page id. */
public sealed interface PageEvent extends IntegrationEvent
        permits PageOpened, PageEscalated, PageAcknowledged, PageSnoozed, PageRenotified, PageReassigned,
        PageExhausted, PageResolved, PageAcknowledgementExpired {

    String pageId();

    @Override
    default String aggregateId() {
        return pageId();
    }
}
