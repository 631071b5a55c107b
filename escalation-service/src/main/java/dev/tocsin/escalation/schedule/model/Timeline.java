package dev.tocsin.escalation.schedule.model;

import static dev.tocsin.escalation.schedule.model.TimeRange.max;
import static dev.tocsin.escalation.schedule.model.TimeRange.min;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The shift arithmetic behind {@link Schedule}: every list here is sorted by start and free of
 * overlaps, and every step is one pass over its inputs, so a quarter of hourly shifts in ten
 * layers stays a matter of milliseconds.
 */
final class Timeline {

    private Timeline() {
    }

    /** The layer's rotation shifts clipped to {@code range}, cut to its restrictions. */
    static List<Shift> rotation(Layer layer, TimeRange range) {
        Cadence cadence = layer.cadence();
        long k = Math.max(0, cadence.index(layer.start(), layer.zone(), range.start()));
        Instant from = cadence.handoff(layer.start(), layer.zone(), k);
        List<Shift> shifts = new ArrayList<>();
        while (from.isBefore(range.end())) {
            // A fixed length steps from the previous handoff; a local one from the first, so months do not drift.
            Instant to = cadence instanceof Cadence.Fixed f ? from.plus(f.duration())
                    : cadence.handoff(layer.start(), layer.zone(), k + 1);
            if (to.isAfter(range.start())) {
                shifts.add(new Shift(layer.id(), layer.participant(k), max(from, range.start()), min(to, range.end()),
                        Origin.ROTATION));
            }
            from = to;
            k++;
        }
        return layer.restrictions().isEmpty() ? shifts
                : within(shifts, windows(layer.restrictions(), layer.zone(), range));
    }

    /** The union of the restriction windows in {@code zone} that touch {@code range}, clipped to it and sorted. */
    static List<TimeRange> windows(List<Restriction> restrictions, ZoneId zone, TimeRange range) {
        // A window starting the day before can run past midnight into the range.
        LocalDate day = range.start().atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = range.end().atZone(zone).toLocalDate();
        List<TimeRange> all = new ArrayList<>();
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            for (Restriction r : restrictions) {
                TimeRange w = r.window(day, zone);
                if (w != null && w.overlaps(range)) {
                    all.add(w.intersect(range));
                }
            }
        }
        all.sort(Comparator.comparing(TimeRange::start));
        List<TimeRange> union = new ArrayList<>();
        for (TimeRange w : all) {
            TimeRange prev = union.isEmpty() ? null : union.getLast();
            if (prev != null && !w.start().isAfter(prev.end())) {
                union.set(union.size() - 1, new TimeRange(prev.start(), max(prev.end(), w.end())));
            } else {
                union.add(w);
            }
        }
        return union;
    }

    /** The parts of {@code shifts} inside {@code windows}. */
    static List<Shift> within(List<Shift> shifts, List<TimeRange> windows) {
        List<Shift> out = new ArrayList<>();
        int j = 0;
        for (Shift s : shifts) {
            while (j < windows.size() && !windows.get(j).end().isAfter(s.start())) {
                j++;
            }
            for (int i = j; i < windows.size() && windows.get(i).start().isBefore(s.end()); i++) {
                out.add(s.during(windows.get(i).intersect(s.range())));
            }
        }
        return out;
    }

    /** {@code upper} laid over {@code lower}: upper wherever it has a shift, lower elsewhere. */
    static List<Shift> overlay(List<Shift> lower, List<Shift> upper) {
        if (upper.isEmpty()) {
            return lower;
        }
        List<Shift> rest = new ArrayList<>(lower.size() + 2);
        int j = 0;
        for (Shift l : lower) {
            while (j < upper.size() && !upper.get(j).end().isAfter(l.start())) {
                j++;
            }
            Instant cursor = l.start();
            for (int i = j; i < upper.size() && upper.get(i).start().isBefore(l.end()); i++) {
                if (upper.get(i).start().isAfter(cursor)) {
                    rest.add(l.during(new TimeRange(cursor, upper.get(i).start())));
                }
                cursor = max(cursor, upper.get(i).end());
            }
            if (cursor.isBefore(l.end())) {
                rest.add(cursor.equals(l.start()) ? l : l.during(new TimeRange(cursor, l.end())));
            }
        }
        // Both lists are sorted and, after the cut, disjoint: merge them in one pass.
        List<Shift> out = new ArrayList<>(rest.size() + upper.size());
        int a = 0;
        int b = 0;
        while (a < rest.size() || b < upper.size()) {
            boolean takeRest = b == upper.size()
                    || a < rest.size() && rest.get(a).start().isBefore(upper.get(b).start());
            out.add(takeRest ? rest.get(a++) : upper.get(b++));
        }
        return out;
    }

    /**
     * The override's person over its range (clipped to {@code range}) in this layer, naming whom each
     * part replaced. Only the shifts it touches are rebuilt, found by binary search.
     */
    static List<Shift> override(List<Shift> base, ShiftOverride o, String layerId, TimeRange range) {
        if (!o.target().covers(layerId) || !o.range().overlaps(range)) {
            return base;
        }
        TimeRange r = o.range().intersect(range);
        int first = firstEndingAfter(base, r.start());
        int last = first;
        while (last < base.size() && base.get(last).start().isBefore(r.end())) {
            last++;
        }
        List<Shift> touched = base.subList(first, last);
        List<Shift> pieces = new ArrayList<>();
        Origin nobody = new Origin.Overridden(o.id(), Optional.empty());
        Instant cursor = r.start();
        for (Shift b : touched) {
            if (b.start().isAfter(cursor)) {
                pieces.add(new Shift(layerId, o.person(), cursor, b.start(), nobody));
            }
            Instant to = min(b.end(), r.end());
            pieces.add(new Shift(layerId, o.person(), max(b.start(), cursor), to,
                    new Origin.Overridden(o.id(), Optional.of(b.person()))));
            cursor = to;
        }
        if (cursor.isBefore(r.end())) {
            pieces.add(new Shift(layerId, o.person(), cursor, r.end(), nobody));
        }
        List<Shift> out = new ArrayList<>(base.size() + pieces.size() + 2);
        out.addAll(base.subList(0, first));
        out.addAll(overlay(touched, pieces));
        out.addAll(base.subList(last, base.size()));
        return out;
    }

    /** The accepted swap's two people trading every shift of theirs inside its range. */
    static List<Shift> swap(List<Shift> base, Swap s, String layerId) {
        if (!s.accepted() || !s.target().covers(layerId)) {
            return base;
        }
        List<Shift> out = new ArrayList<>(base.size() + 2);
        for (Shift b : base) {
            String other = b.person().equals(s.requester()) ? s.counterpart()
                    : b.person().equals(s.counterpart()) ? s.requester() : null;
            if (other == null || !b.range().overlaps(s.range())) {
                out.add(b);
                continue;
            }
            TimeRange inside = b.range().intersect(s.range());
            if (b.start().isBefore(inside.start())) {
                out.add(b.during(new TimeRange(b.start(), inside.start())));
            }
            out.add(b.during(inside).as(other, new Origin.Swapped(s.id(), b.person())));
            if (inside.end().isBefore(b.end())) {
                out.add(b.during(new TimeRange(inside.end(), b.end())));
            }
        }
        return out;
    }

    /** Touching pieces of the same person, layer and origin joined into one shift. */
    static List<Shift> merged(List<Shift> shifts) {
        List<Shift> out = new ArrayList<>(shifts.size());
        for (Shift s : shifts) {
            if (!out.isEmpty() && s.continues(out.getLast())) {
                Shift prev = out.removeLast();
                out.add(new Shift(prev.layer(), prev.person(), prev.start(), s.end(), prev.origin()));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /** The parts of {@code range} no shift covers. */
    static List<TimeRange> gaps(List<Shift> shifts, TimeRange range) {
        List<TimeRange> gaps = new ArrayList<>();
        Instant cursor = range.start();
        for (Shift s : shifts) {
            if (s.start().isAfter(cursor)) {
                gaps.add(new TimeRange(cursor, s.start()));
            }
            cursor = max(cursor, s.end());
        }
        if (cursor.isBefore(range.end())) {
            gaps.add(new TimeRange(cursor, range.end()));
        }
        return gaps;
    }

    /** The index of the first shift ending after {@code instant} (binary search). */
    static int firstEndingAfter(List<Shift> shifts, Instant instant) {
        int lo = 0;
        int hi = shifts.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (shifts.get(mid).end().isAfter(instant)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
