package dev.tocsin.escalation.schedule.model;

import java.util.Objects;

/** Which layers an override or a swap changes. */
public sealed interface Target {

    record OneLayer(String layerId) implements Target {
        public OneLayer {
            Objects.requireNonNull(layerId, "layerId");
        }
    }

    record AllLayers() implements Target {
    }

    Target ALL = new AllLayers();

    static Target layer(String layerId) {
        return new OneLayer(layerId);
    }

    default boolean covers(String layerId) {
        return switch (this) {
            case OneLayer one -> one.layerId().equals(layerId);
            case AllLayers all -> true;
        };
    }
}
