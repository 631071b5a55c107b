package dev.tocsin.eventing.api;

import java.util.List;

/** Thrown by resources to answer with a problem details body; mapped by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.problem = Problem.of(status, title, detail, errors);
    }

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public static ProblemException badRequest(String field, String message) {
        return new ProblemException(400, "Bad Request", field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    /** 400 naming every invalid field. */
    public static ProblemException badRequest(List<Problem.FieldError> errors) {
        return new ProblemException(400, "Bad Request", Problem.detail(errors), errors);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "Not Found", what + " not found");
    }

    public Problem problem() {
        return problem;
    }
}
