package io.statefulebs.blueprint.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statefulebs.blueprint.spi.Manifest;
import io.statefulebs.blueprint.spi.ResourceRef;

import java.util.Map;
import java.util.Objects;

/**
 * Manifests of objects another team applied (no blueprint run made them), to apply to a {@link SimulatedCluster} in
 * rehearsals and tests: {@code cluster.apply(ForeignManifests.claim("shop", "data", "fast-gp3", "4Gi"))}.
 */
public final class ForeignManifests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ForeignManifests() {
    }

    /**
     * A StorageClass.
     *
     * @param name        its name
     * @param provisioner its provisioner, e.g. {@code ebs.csi.aws.com}
     * @param binding     its {@code volumeBindingMode}: {@code WaitForFirstConsumer} or {@code Immediate}
     * @param parameters  its parameters, e.g. {@code type: gp3, iops: "8000"}
     * @return the manifest
     */
    public static Manifest storageClass(String name, String provisioner, String binding, Map<String, String> parameters) {
        Objects.requireNonNull(name, "name");
        ObjectNode body = JSON.createObjectNode();
        body.put("apiVersion", "storage.k8s.io/v1").put("kind", "StorageClass").putObject("metadata").put("name", name);
        body.put("provisioner", Objects.requireNonNull(provisioner, "provisioner"))
                .put("volumeBindingMode", Objects.requireNonNull(binding, "binding"));
        ObjectNode p = body.putObject("parameters");
        Objects.requireNonNull(parameters, "parameters").forEach(p::put);
        return new Manifest(ResourceRef.storageClass(name), body);
    }

    /**
     * A ReadWriteOnce PersistentVolumeClaim.
     *
     * @param namespace    its namespace
     * @param name         its name
     * @param storageClass its {@code storageClassName}
     * @param size         its {@code spec.resources.requests.storage}, e.g. {@code 4Gi}
     * @return the manifest
     */
    public static Manifest claim(String namespace, String name, String storageClass, String size) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        ObjectNode body = JSON.createObjectNode();
        body.put("apiVersion", "v1").put("kind", "PersistentVolumeClaim").putObject("metadata").put("name", name)
                .put("namespace", namespace);
        ObjectNode spec = body.putObject("spec").put("storageClassName", Objects.requireNonNull(storageClass, "storageClass"));
        spec.putArray("accessModes").add("ReadWriteOnce");
        spec.putObject("resources").putObject("requests").put("storage", Objects.requireNonNull(size, "size"));
        return new Manifest(ResourceRef.claim(namespace, name), body);
    }
}
