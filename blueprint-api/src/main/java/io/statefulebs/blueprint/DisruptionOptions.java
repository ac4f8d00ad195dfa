package io.statefulebs.blueprint;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link BlueprintRun#disruptNode(DisruptionOptions)} replaces a node: the bound it is measured against (Karpenter's
 * e2e suite allows 2 minutes from a graceful node deletion to a healthy pod on the new node), how long it may take at
 * most, which node (by default the one running most of the run's pods), and whether pods that are not the run's may be
 * evicted with it. Immutable.
 */
public final class DisruptionOptions {
    /** Karpenter e2e's bound for a stateful pod to be healthy on its new node after a graceful node deletion. */
    public static final Duration DEFAULT_BOUND = Duration.ofMinutes(2);

    private final Duration bound;
    private final Duration timeout;
    private final String node;
    private final boolean allowForeignPods;

    private DisruptionOptions(Builder b) {
        bound = b.bound;
        timeout = b.timeout;
        node = b.node;
        allowForeignPods = b.allowForeignPods;
    }

    /** {@return the defaults: a 2-minute bound, a 10-minute timeout, the run's node, the run's pods only} */
    public static DisruptionOptions defaults() {
        return builder().build();
    }

    /** {@return a builder of options} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the duration the replacement should take at most (the report says whether it did)} */
    public Duration bound() {
        return bound;
    }

    /** {@return how long the step may take in all before it fails} */
    public Duration timeout() {
        return timeout;
    }

    /** {@return the node to replace, when one was named} */
    public Optional<String> node() {
        return Optional.ofNullable(node);
    }

    /** {@return whether pods that are not the run's (DaemonSet pods aside) may be evicted with the node} */
    public boolean allowForeignPods() {
        return allowForeignPods;
    }

    @Override
    public String toString() {
        return "DisruptionOptions[bound=" + bound + ", timeout=" + timeout + ", node=" + (node == null ? "the run's" : node)
                + (allowForeignPods ? ", allowForeignPods" : "") + "]";
    }

    /** Collects disruption options; each setter checks its value at once. */
    public static final class Builder {
        private Duration bound = DEFAULT_BOUND;
        private Duration timeout = BlueprintRun.DEFAULT_TIMEOUT;
        private String node;
        private boolean allowForeignPods;

        private Builder() {
        }

        /**
         * The duration the replacement should take at most.
         *
         * @param bound a positive duration
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder bound(Duration bound) {
            this.bound = positive(bound, "bound");
            return this;
        }

        /**
         * How long the step may take in all (it must leave room for the bound).
         *
         * @param timeout a positive duration, at least the bound
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /**
         * The node to replace; it must run at least one of the run's pods.
         *
         * @param node the node's name
         * @return this builder
         * @throws IllegalArgumentException when blank
         */
        public Builder node(String node) {
            if (Objects.requireNonNull(node, "node").isBlank()) {
                throw new IllegalArgumentException("node must not be blank: name a node that runs the run's pods, or leave it"
                        + " unset for the node running most of them");
            }
            this.node = node;
            return this;
        }

        /**
         * Whether pods that are not the run's may be evicted with the node (off by default: the step refuses a node
         * that runs other workloads' pods). DaemonSet pods are never counted: every node runs them.
         *
         * @param allow whether to allow it
         * @return this builder
         */
        public Builder allowForeignPods(boolean allow) {
            this.allowForeignPods = allow;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException when the timeout is shorter than the bound
         */
        public DisruptionOptions build() {
            if (timeout.compareTo(bound) < 0) {
                throw new IllegalArgumentException("timeout=" + timeout + " is shorter than bound=" + bound
                        + ": give the step at least the bound it is measured against");
            }
            return new DisruptionOptions(this);
        }

        private static Duration positive(Duration value, String field) {
            Objects.requireNonNull(value, field);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(field + "=" + value + " must be positive, e.g. Duration.ofMinutes(2)");
            }
            return value;
        }
    }
}
