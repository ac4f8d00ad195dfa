package io.statefulebs.blueprint.spi;

import java.util.Objects;

/**
 * Names one Kubernetes object. {@code namespace} is null for cluster-scoped kinds (StorageClass, PersistentVolume).
 */
public record ResourceRef(String apiVersion, String kind, String namespace, String name) {
    /**
     * Checks apiVersion, kind and name are given.
     *
     * @param apiVersion the object's apiVersion
     * @param kind the object's kind
     * @param namespace the namespace, {@code null} when cluster-scoped
     * @param name the object's name
     */
    public ResourceRef {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /**
     * A StorageClass.
     *
     * @param name its name
     * @return the reference
     */
    public static ResourceRef storageClass(String name) {
        return new ResourceRef("storage.k8s.io/v1", "StorageClass", null, name);
    }

    /**
     * A PersistentVolume.
     *
     * @param name its name
     * @return the reference
     */
    public static ResourceRef persistentVolume(String name) {
        return new ResourceRef("v1", "PersistentVolume", null, name);
    }

    /**
     * A PersistentVolumeClaim.
     *
     * @param namespace its namespace
     * @param name its name
     * @return the reference
     */
    public static ResourceRef claim(String namespace, String name) {
        return new ResourceRef("v1", "PersistentVolumeClaim", namespace, name);
    }

    /**
     * A Pod.
     *
     * @param namespace its namespace
     * @param name its name
     * @return the reference
     */
    public static ResourceRef pod(String namespace, String name) {
        return new ResourceRef("v1", "Pod", namespace, name);
    }

    /** {@return whether the object lives in a namespace} */
    public boolean namespaced() {
        return namespace != null;
    }

    @Override
    public String toString() {
        return kind + "/" + (namespace == null ? "" : namespace + "/") + name;
    }
}
