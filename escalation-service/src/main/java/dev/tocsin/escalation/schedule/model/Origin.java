package dev.tocsin.escalation.schedule.model;

import java.util.Optional;

/** Why a person holds a shift: their turn in the rotation, an override, or an accepted swap. */
public sealed interface Origin {

    /** The person's own turn in the layer's rotation. */
    record Rotation() implements Origin {
    }

    /** Override {@code overrideId} put the person here; {@code replaced} is empty where the layer had no shift. */
    record Overridden(String overrideId, Optional<String> replaced) implements Origin {
    }

    /** Swap {@code swapId} gave the person this shift, which was {@code replaced}'s. */
    record Swapped(String swapId, String replaced) implements Origin {
    }

    Origin ROTATION = new Rotation();

    /** Whom this shift replaced, if anyone. */
    default Optional<String> replacedPerson() {
        return switch (this) {
            case Rotation r -> Optional.empty();
            case Overridden o -> o.replaced();
            case Swapped s -> Optional.of(s.replaced());
        };
    }
}
