package io.statefulebs.blueprint.spec;

/** Access modes an EBS volume supports. */
public enum AccessMode {
    /** The volume is mounted read-write by pods on a single node. */
    READ_WRITE_ONCE("ReadWriteOnce"),
    /** The volume is mounted read-write by a single pod. */
    READ_WRITE_ONCE_POD("ReadWriteOncePod");

    private final String kubernetesName;

    AccessMode(String kubernetesName) {
        this.kubernetesName = kubernetesName;
    }

    /** {@return the name the Kubernetes API uses} */
    public String kubernetesName() {
        return kubernetesName;
    }
}
