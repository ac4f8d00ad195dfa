package io.statefulebs.blueprint.spec;

/** How the writer pods are run. */
public enum WorkloadKind {
    /** As in the walkthrough: every replica mounts the one ReadWriteOnce claim, so all must share a node. */
    DEPLOYMENT("apps/v1", "Deployment"),
    /** The safer variant: one claim per replica through volumeClaimTemplates. */
    STATEFULSET("apps/v1", "StatefulSet");

    private final String apiVersion;
    private final String kind;

    WorkloadKind(String apiVersion, String kind) {
        this.apiVersion = apiVersion;
        this.kind = kind;
    }

    public String apiVersion() {
        return apiVersion;
    }

    public String kind() {
        return kind;
    }
}
