package dev.tocsin.ingest.intake;

import dev.tocsin.eventing.api.Problem.FieldError;
import dev.tocsin.events.alert.Drill;
import dev.tocsin.ingest.alert.LabelNames;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What every format's labels and annotations must respect, checked the same way for all of them:
 * Prometheus' name rule, a cap on the number of labels and on the size of each value, and no
 * drill label.
 */
public record IntakeLimits(int maxLabels, int maxLabelValueBytes, int maxAnnotationValueBytes) {

    /** The defaults of {@link IntakeConfig}, for tests. */
    public static final IntakeLimits DEFAULTS = new IntakeLimits(64, 1024, 16384);

    public static IntakeLimits of(IntakeConfig config) {
        return new IntakeLimits(config.maxLabels(), config.maxLabelValueBytes(), config.maxAnnotationValueBytes());
    }

    /**
     * Adds an error at {@code at} for each broken rule of these labels. {@value Drill#LABEL} is
     * refused: it marks a drill, which only {@code POST /api/v1/drills} starts, and a drill is
     * left out of the on-call load.
     */
    public void checkLabels(Map<String, String> labels, String at, List<FieldError> errors) {
        if (labels.containsKey(Drill.LABEL)) {
            errors.add(new FieldError(at + "." + Drill.LABEL, "is reserved for drills, which POST /api/v1/drills "
                    + "starts"));
        }
        if (labels.size() > maxLabels) {
            errors.add(new FieldError(at, "at most " + maxLabels + " labels, got " + labels.size()));
        }
        check(labels, at, "label", maxLabelValueBytes, errors);
    }

    /** Adds an error at {@code at} for each broken rule of these annotations. */
    public void checkAnnotations(Map<String, String> annotations, String at, List<FieldError> errors) {
        check(annotations, at, "annotation", maxAnnotationValueBytes, errors);
    }

    /** Whether a value fits in {@code maxBytes} of UTF-8, without encoding it when it surely does. */
    public static boolean fits(String value, int maxBytes) {
        return value == null || value.length() * 3 <= maxBytes
                || value.getBytes(StandardCharsets.UTF_8).length <= maxBytes;
    }

    private static void check(Map<String, String> map, String at, String what, int maxBytes, List<FieldError> errors) {
        map.keySet().stream().sorted().forEach(name -> {
            if (!LabelNames.isValid(name)) {
                errors.add(new FieldError(at, what + " name '" + name + "' must match " + LabelNames.PATTERN));
            } else if (!fits(map.get(name), maxBytes)) {
                errors.add(new FieldError(at + "." + name, what + " value longer than " + maxBytes + " bytes"));
            }
        });
    }
}
