package dev.tocsin.eventing.config;

import java.util.List;

/** The answer of a configuration plan or apply: what changes, or changed, item by item. */
public record ConfigurationChanges(List<ConfigurationChange> changes) {
}
