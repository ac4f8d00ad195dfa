package io.statefulebs.blueprint.spi;

import java.util.Objects;

/**
 * Names one Kubernetes object. {@code namespace} is null for cluster-scoped kinds (StorageClass, PersistentVolume).
 */
public record ResourceRef(String apiVersion, String kind, String namespace, String name) {
    public ResourceRef {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static ResourceRef storageClass(String name) {
        return new ResourceRef("storage.k8s.io/v1", "StorageClass", null, name);
    }

    public static ResourceRef persistentVolume(String name) {
        return new ResourceRef("v1", "PersistentVolume", null, name);
    }

    public static ResourceRef claim(String namespace, String name) {
        return new ResourceRef("v1", "PersistentVolumeClaim", namespace, name);
    }

    public static ResourceRef pod(String namespace, String name) {
        return new ResourceRef("v1", "Pod", namespace, name);
    }

    public boolean namespaced() {
        return namespace != null;
    }

    @Override
    public String toString() {
        return kind + "/" + (namespace == null ? "" : namespace + "/") + name;
    }
}
