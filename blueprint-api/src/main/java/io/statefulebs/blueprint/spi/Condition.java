package io.statefulebs.blueprint.spi;

/** Decides from the cluster's state whether a wait is over. Must be side-effect free: backends call it often. */
@FunctionalInterface
public interface Condition<T> {
    Verdict<T> evaluate(ClusterView cluster);
}
