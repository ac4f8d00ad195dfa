package io.statefulebs.blueprint.view;

import java.util.List;
import java.util.Objects;

/**
 * One problem found on a cluster, as a preflight check reports it: which check found it, how bad it is, the objects
 * involved (as {@code Kind/namespace/name}), the evidence read from the cluster, the cause in one sentence and the fix.
 */
public record Finding(String check, Severity severity, List<String> objects, List<String> evidence, String cause, String fix) {
    /** How much a finding matters, worst first (sorting by it puts errors first). */
    public enum Severity {
        /** The blueprint cannot run (or a workload cannot be placed) until it is fixed. */
        ERROR,
        /** Works today, but fails in a foreseeable case. */
        WARNING,
        /** Worth knowing (something is waiting, or a risk that is often accepted); nothing to fix now. */
        INFO
    }

    /**
     * Requires check, severity, cause and fix; copies the lists.
     *
     * @param check the check that found it
     * @param severity how bad it is
     * @param objects the objects involved
     * @param evidence what was read from the cluster
     * @param cause the cause, in one sentence
     * @param fix how to fix it
     */
    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(severity, "severity");
        objects = List.copyOf(objects);
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(fix, "fix");
    }

    /**
     * An error about one object (or none, when {@code object} is empty), without separate evidence.
     *
     * @param check the check that found it
     * @param object the object, or empty
     * @param cause the cause, in one sentence
     * @param fix how to fix it
     * @return the finding
     */
    public static Finding error(String check, String object, String cause, String fix) {
        return new Finding(check, Severity.ERROR, object.isEmpty() ? List.of() : List.of(object), List.of(), cause, fix);
    }

    /** The cause and the fix, as one line of an error message. */
    @Override
    public String toString() {
        return cause + ": " + fix;
    }
}
