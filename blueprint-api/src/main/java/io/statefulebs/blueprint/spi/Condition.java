package io.statefulebs.blueprint.spi;

/** Decides from the cluster's state whether a wait is over. Must be side-effect free: backends call it often. */
@FunctionalInterface
public interface Condition<T> {
    /**
     * Evaluates the condition against the cluster's current state.
     *
     * @param cluster the cluster as the wait sees it
     * @return satisfied with a value, pending or failed
     */
    Verdict<T> evaluate(ClusterView cluster);
}
