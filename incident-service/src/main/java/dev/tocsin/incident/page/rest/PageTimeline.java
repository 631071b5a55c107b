package dev.tocsin.incident.page.rest;

import dev.tocsin.incident.page.PageStatus;
import dev.tocsin.incident.timeline.Timelines;
import java.util.List;

/** A page and everything recorded about it, oldest first: the alert, the page, notifications, deliveries. */
public record PageTimeline(String pageId, String alertId, String service, PageStatus status,
        List<Timelines.Line> entries) {
}
