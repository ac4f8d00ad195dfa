package io.statefulebs.blueprint.spi;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of object the library creates or finds by its ownership labels, in delete order (workloads first, the
 * StorageClass last: the reverse of apply order). Rendering, cleanup and every backend take the list from here.
 */
public enum ManagedKind {
    DEPLOYMENT("apps/v1", "Deployment", true, true),
    STATEFUL_SET("apps/v1", "StatefulSet", true, true),
    /** Made by the workload controllers, not applied; carries the run's labels through the pod template. */
    POD("v1", "Pod", true, false),
    PERSISTENT_VOLUME_CLAIM("v1", "PersistentVolumeClaim", true, false),
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

    public String apiVersion() {
        return apiVersion;
    }

    public String kind() {
        return kind;
    }

    /** Whether objects of the kind live in a namespace (a StorageClass does not). */
    public boolean namespaced() {
        return namespaced;
    }

    /** Whether {@link ClusterBackend#scale} applies to it. */
    public boolean scalable() {
        return scalable;
    }

    /** The object of this kind named {@code name}, in {@code namespace} when the kind is namespaced. */
    public ResourceRef ref(String namespace, String name) {
        return new ResourceRef(apiVersion, kind, namespaced ? namespace : null, name);
    }

    /** The managed kind of {@code ref}, if it is one (matched by kind and apiVersion). */
    public static Optional<ManagedKind> of(ResourceRef ref) {
        return Arrays.stream(values()).filter(k -> k.kind.equals(ref.kind()) && k.apiVersion.equals(ref.apiVersion())).findFirst();
    }
}
