package dev.tocsin.escalation.schedule;

import dev.tocsin.escalation.schedule.model.Cadence;
import dev.tocsin.escalation.schedule.model.Layer;
import dev.tocsin.escalation.schedule.model.Participant;
import dev.tocsin.escalation.schedule.model.Restriction;
import dev.tocsin.escalation.schedule.model.Role;
import dev.tocsin.escalation.schedule.model.Schedule;
import dev.tocsin.escalation.schedule.model.ShiftOverride;
import dev.tocsin.escalation.schedule.model.Swap;
import dev.tocsin.escalation.schedule.model.Target;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a stored {@link ScheduleDocument} with its overrides and swaps as the layered model that
 * answers every on-call question. A single-rotation document becomes a {@value #PRIMARY} layer
 * and a {@value #SECONDARY} layer of the same people rotated by one, which is what its secondary
 * always meant: the next person. Overrides and swaps naming a layer the document no longer has
 * are left out, so replacing a schedule never leaves it without an answer.
 */
public final class ScheduleModels {

    /** The layer ids a single-rotation document is read as. */
    public static final String PRIMARY = "primary";
    public static final String SECONDARY = "secondary";

    private ScheduleModels() {
    }

    public static Schedule of(ScheduleDocument doc, List<ShiftOverride> overrides, List<Swap> swaps) {
        List<Layer> layers = doc.singleRotation() ? single(doc) : layered(doc);
        Map<Role, List<String>> roles = doc.singleRotation()
                ? Map.of(Role.PRIMARY, List.of(PRIMARY), Role.SECONDARY, List.of(SECONDARY)) : roles(doc.roles());
        Set<String> layerIds = layers.stream().map(Layer::id).collect(Collectors.toSet());
        List<ShiftOverride> usable = overrides.stream().filter(o -> applies(o.target(), layerIds)).toList();
        List<Swap> usableSwaps = swaps.stream().filter(s -> applies(s.target(), layerIds)).toList();
        ZoneId fallback = layers.get(0).zone();
        Map<String, ZoneId> zones = new LinkedHashMap<>();
        if (doc.people() != null) {
            doc.people().forEach(p -> zones.put(p.id(), ZoneId.of(p.timeZone())));
        }
        List<String> everyone = new ArrayList<>();
        layers.forEach(l -> everyone.addAll(l.participants()));
        usable.forEach(o -> everyone.add(o.person()));
        usableSwaps.forEach(s -> {
            everyone.add(s.requester());
            everyone.add(s.counterpart());
        });
        List<Participant> people = everyone.stream().distinct()
                .map(id -> new Participant(id, zones.getOrDefault(id, fallback))).toList();
        return new Schedule(doc.id(), doc.name(), people, layers, roles, usable, usableSwaps);
    }

    /** The model's cadence for a shift length text: a period steps in local time, a duration is elapsed. */
    public static Cadence cadence(String text) {
        TemporalAmount amount = ShiftLength.parse(text);
        return amount instanceof Period p ? new Cadence.Local(p) : new Cadence.Fixed((Duration) amount);
    }

    private static List<Layer> single(ScheduleDocument doc) {
        ScheduleDocument.Rotation r = doc.rotation();
        ZoneId zone = ZoneId.of(doc.timeZone());
        Cadence cadence = cadence(r.shiftLength());
        List<String> next = new ArrayList<>(r.participants().subList(1, r.participants().size()));
        next.add(r.participants().get(0));
        return List.of(new Layer(PRIMARY, zone, r.start(), cadence, r.participants(), List.of()),
                new Layer(SECONDARY, zone, r.start(), cadence, next, List.of()));
    }

    private static List<Layer> layered(ScheduleDocument doc) {
        return doc.layers().stream().map(l -> new Layer(l.id(), ZoneId.of(l.zone()), l.handoff(), cadence(l.cadence()),
                l.participants(), l.restrictions() == null ? List.of() : l.restrictions().stream()
                        .map(r -> new Restriction(EnumSet.copyOf(r.days()), r.from(), r.until())).toList()))
                .toList();
    }

    private static Map<Role, List<String>> roles(Map<Role, List<String>> roles) {
        Map<Role, List<String>> copy = new EnumMap<>(Role.class);
        roles.forEach((role, layers) -> {
            if (layers != null && !layers.isEmpty()) {
                copy.put(role, layers);
            }
        });
        return copy;
    }

    private static boolean applies(Target target, Set<String> layerIds) {
        return !(target instanceof Target.OneLayer one) || layerIds.contains(one.layerId());
    }
}
