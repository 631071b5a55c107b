package dev.tocsin.ingest.service;

import java.util.List;

/**
 * What alert-ingest knows about one service to decide urgency: how critical it is, its SLOs, its
 * ordered urgency rules, and the business hours of the team that owns it.
 *
 * @param businessHours null when the service uses the configured default ({@link BusinessHoursConfig#defaults()})
 */
public record ServiceProfile(String id, String name, Criticality criticality, List<Slo> slos,
        List<UrgencyRule> urgencyRules, BusinessHours businessHours) {

    /** Sets the response deadline of its pages (SRE book ch. 11: minutes for user-facing services). */
    public enum Criticality {
        USER_FACING, INTERNAL
    }

    public ServiceProfile {
        slos = List.copyOf(slos);
        urgencyRules = List.copyOf(urgencyRules);
    }
}
