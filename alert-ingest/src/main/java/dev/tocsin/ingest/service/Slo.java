package dev.tocsin.ingest.service;

import java.time.Duration;

/**
 * A service level objective. Burn-rate alerts name it, and only alerts tied to one of their
 * service's SLOs page by default.
 *
 * @param objective percent of good events, e.g. 99.9; strictly between 0 and 100
 * @param window the compliance period, e.g. 30 days
 */
public record Slo(String name, double objective, Duration window) {
}
