package io.statefulebs.blueprint.spi;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of object the library creates or finds by its ownership labels, in delete order (workloads first, the
 * StorageClass last: the reverse of apply order). Rendering, cleanup and every backend take the list from here.
 */
public enum ManagedKind {
    /** A Deployment, the blueprint's default workload. */
    DEPLOYMENT("apps/v1", "Deployment", true, true),
    /** A StatefulSet, the workload with one claim per replica. */
    STATEFUL_SET("apps/v1", "StatefulSet", true, true),
    /** Made by the workload controllers, not applied; carries the run's labels through the pod template. */
    POD("v1", "Pod", true, false),
    /** A PersistentVolumeClaim. */
    PERSISTENT_VOLUME_CLAIM("v1", "PersistentVolumeClaim", true, false),
    /** A StorageClass (cluster-scoped). */
    STORAGE_CLASS("storage.k8s.io/v1", "StorageClass", false, false);

    private final String apiVersion;
    private final String kind;
    private final boolean namespaced;
    private final boolean scalable;

    ManagedKind(String apiVersion, String kind, boolean namespaced, boolean scalable) {
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.namespaced = namespaced;
        this.scalable = scalable;
    }

    /** {@return the kind's apiVersion, e.g. {@code apps/v1}} */
    public String apiVersion() {
        return apiVersion;
    }

    /** {@return the kind's name, e.g. {@code Deployment}} */
    public String kind() {
        return kind;
    }

    /** {@return whether objects of the kind live in a namespace (a StorageClass does not)} */
    public boolean namespaced() {
        return namespaced;
    }

    /** {@return whether {@link ClusterBackend#scale} applies to it} */
    public boolean scalable() {
        return scalable;
    }

    /**
     * The object of this kind named {@code name}, in {@code namespace} when the kind is namespaced.
     *
     * @param namespace the namespace, ignored for a cluster-scoped kind
     * @param name the object's name
     * @return the reference
     */
    public ResourceRef ref(String namespace, String name) {
        return new ResourceRef(apiVersion, kind, namespaced ? namespace : null, name);
    }

    /**
     * The managed kind of {@code ref}, if it is one (matched by kind and apiVersion).
     *
     * @param ref the object
     * @return its managed kind, or empty
     */
    public static Optional<ManagedKind> of(ResourceRef ref) {
        return Arrays.stream(values()).filter(k -> k.kind.equals(ref.kind()) && k.apiVersion.equals(ref.apiVersion())).findFirst();
    }
}
