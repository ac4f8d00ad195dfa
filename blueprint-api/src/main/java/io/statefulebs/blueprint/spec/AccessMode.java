package io.statefulebs.blueprint.spec;

/** Access modes an EBS volume supports. */
public enum AccessMode {
    READ_WRITE_ONCE("ReadWriteOnce"),
    READ_WRITE_ONCE_POD("ReadWriteOncePod");

    private final String kubernetesName;

    AccessMode(String kubernetesName) {
        this.kubernetesName = kubernetesName;
    }

    /** The name the Kubernetes API uses. */
    public String kubernetesName() {
        return kubernetesName;
    }
}
