package dev.tocsin.incident.timeline.rest;

import dev.tocsin.incident.page.PageSummary;
import dev.tocsin.incident.timeline.Timelines;
import java.util.List;

/** An alert, the pages opened for it, and everything recorded about them, oldest first. */
public record AlertTimeline(String alertId, List<PageSummary> pages, List<Timelines.Line> entries) {
}
