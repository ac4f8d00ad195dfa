package io.statefulebs.blueprint.spec;

import io.statefulebs.blueprint.spi.ManagedKind;

/** How the writer pods are run. */
public enum WorkloadKind {
    /** As in the walkthrough: every replica mounts the one ReadWriteOnce claim, so all must share a node. */
    DEPLOYMENT(ManagedKind.DEPLOYMENT),
    /** The safer variant: one claim per replica through volumeClaimTemplates. */
    STATEFULSET(ManagedKind.STATEFUL_SET);

    private final ManagedKind managed;

    WorkloadKind(ManagedKind managed) {
        this.managed = managed;
    }

    /** {@return the object kind the workload is rendered as} */
    public ManagedKind managedKind() {
        return managed;
    }

    /** {@return the apiVersion of the workload object, {@code apps/v1}} */
    public String apiVersion() {
        return managed.apiVersion();
    }

    /** {@return the kind of the workload object, {@code Deployment} or {@code StatefulSet}} */
    public String kind() {
        return managed.kind();
    }
}
