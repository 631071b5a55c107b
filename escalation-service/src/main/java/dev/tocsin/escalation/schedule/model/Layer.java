package dev.tocsin.escalation.schedule.model;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * One rotation: participants take shifts of {@code cadence} in turn, the first handing off at
 * {@code start} in {@code zone}; before {@code start} the layer has no shift. Outside its
 * {@code restrictions} (when there are any) it has no shift either, which is how a follow-the-sun
 * layer covers only its site's daytime. A layer's zone is its site (see {@link RotationHealth}).
 */
public record Layer(String id, ZoneId zone, LocalDateTime start, Cadence cadence, List<String> participants,
        List<Restriction> restrictions) {

    public Layer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(cadence, "cadence");
        participants = List.copyOf(participants);
        restrictions = List.copyOf(restrictions);
        if (participants.isEmpty()) {
            throw new IllegalArgumentException("layer " + id + " needs at least one participant");
        }
    }

    /** A layer without restrictions: it has a shift at every instant after its start. */
    public static Layer of(String id, String zone, String start, Cadence cadence, String... participants) {
        return new Layer(id, ZoneId.of(zone), LocalDateTime.parse(start), cadence, List.of(participants), List.of());
    }

    public Layer restrictedTo(Restriction... windows) {
        return new Layer(id, zone, start, cadence, participants, List.of(windows));
    }

    /** The participant holding rotation shift {@code k}. */
    String participant(long k) {
        return participants.get((int) Math.floorMod(k, (long) participants.size()));
    }
}
