package io.statefulebs.blueprint.sim;

import java.time.Instant;

/** A pod of the simulated cluster. Mutable; guarded by the cluster's lock. */
final class SimPod {
    final String namespace;
    final String name;
    final SimWorkload owner;
    final int ordinal;
    final PodTemplate template;
    final String claimName;
    /** {@code namespace/claimName}, or null for a pod without a claim. */
    final String claimKey;
    final Instant createdAt;
    final String uid;
    String node = "";
    String nominatedNode = "";
    String phase = "Pending";
    String reason = "";
    boolean ready;
    boolean startScheduled;
    /** Evicted from a node whose kubelet is gone: marked for deletion, but nothing there can finish it. */
    boolean terminating;
    /** Bumped when the container stops, so its pending writes are dropped. */
    int containerGeneration;
    /** How many lines its writer wrote (the integrity writer's sequence). */
    long linesWritten;

    SimPod(String namespace, String name, String uid, SimWorkload owner, int ordinal, PodTemplate template, String claimName,
           Instant createdAt) {
        this.uid = uid;
        this.namespace = namespace;
        this.name = name;
        this.owner = owner;
        this.ordinal = ordinal;
        this.template = template;
        this.claimName = claimName;
        this.claimKey = claimName == null ? null : namespace + "/" + claimName;
        this.createdAt = createdAt;
    }

    String key() {
        return namespace + "/" + name;
    }

    boolean scheduled() {
        return !node.isEmpty();
    }

    boolean running() {
        return phase.equals("Running");
    }
}
