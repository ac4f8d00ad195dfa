package io.statefulebs.blueprint.error;

/**
 * One thing wrong with a spec: the field (dotted path, e.g. {@code storage.iops}), the rejected value and how
 * to fix it.
 */
public record SpecProblem(String field, String value, String fix) {
    @Override
    public String toString() {
        return field + "=" + value + ": " + fix;
    }
}
