package io.statefulebs.blueprint.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statefulebs.blueprint.spec.StorageSpec;
import io.statefulebs.blueprint.spec.WorkloadKind;
import io.statefulebs.blueprint.spec.WorkloadSpec;
import io.statefulebs.blueprint.spi.Manifest;
import io.statefulebs.blueprint.spi.ResourceRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a spec into the blueprint's objects. With defaults the result means the same as the blueprint's
 * {@code storage.yaml} and {@code workload.yaml}, plus ownership labels and an explicit namespace.
 */
public final class ManifestRenderer {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String VOLUME = "persistent-storage";

    private ManifestRenderer() {
    }

    /**
     * Renders the StorageClass, the claim (Deployment only) and the workload, in apply order.
     *
     * @param blueprint the validated spec, with its zone
     * @return the manifests
     */
    public static Manifests render(RenderInput blueprint) {
        String zone = blueprint.zone();
        Map<String, String> labels = objectLabels(blueprint);
        List<Manifest> items = new ArrayList<>();
        items.add(storageClass(blueprint.storage(), zone, labels));
        if (blueprint.workload().kind() == WorkloadKind.DEPLOYMENT) {
            items.add(claim(blueprint, labels));
        }
        items.add(workload(blueprint, labels));
        return new Manifests(items);
    }

    /**
     * The name the StatefulSet controller gives the claim of replica {@code ordinal}.
     *
     * @param claimTemplate the claim template's name
     * @param workload the StatefulSet's name
     * @param ordinal the replica's ordinal
     * @return {@code claimTemplate-workload-ordinal}
     */
    public static String statefulSetClaimName(String claimTemplate, String workload, int ordinal) {
        return claimTemplate + "-" + workload + "-" + ordinal;
    }

    /**
     * The labels of the pods, which the workload selects on.
     *
     * @param workload the workload spec
     * @return the pod labels
     */
    public static Map<String, String> podSelector(WorkloadSpec workload) {
        return Map.of(OwnershipLabels.APP, workload.name());
    }

    /**
     * The workload object of a blueprint in {@code namespace}.
     *
     * @param namespace the namespace
     * @param workload the workload spec
     * @return the Deployment or StatefulSet reference
     */
    public static ResourceRef workloadRef(String namespace, WorkloadSpec workload) {
        WorkloadKind kind = workload.kind();
        return new ResourceRef(kind.apiVersion(), kind.kind(), namespace, workload.name());
    }

    private static Map<String, String> objectLabels(RenderInput blueprint) {
        Map<String, String> labels = new LinkedHashMap<>(blueprint.labels());
        labels.putAll(OwnershipLabels.forRun(blueprint.runId()));
        return labels;
    }

    private static Manifest storageClass(StorageSpec storage, String zone, Map<String, String> labels) {
        ObjectNode sc = object("storage.k8s.io/v1", "StorageClass", metadata(storage.storageClassName(), null, labels));
        sc.put("provisioner", storage.provisioner());
        ObjectNode parameters = sc.putObject("parameters");
        parameters.put("type", storage.volumeType().parameterValue());
        storage.iops().ifPresent(iops -> parameters.put("iops", String.valueOf(iops)));
        storage.throughputMiBps().ifPresent(t -> parameters.put("throughput", String.valueOf(t)));
        if (storage.encrypted()) {
            parameters.put("encrypted", "true");
        }
        storage.kmsKeyId().ifPresent(key -> parameters.put("kmsKeyId", key));
        sc.put("volumeBindingMode", "WaitForFirstConsumer");
        ObjectNode expression = sc.putArray("allowedTopologies").addObject()
                .putArray("matchLabelExpressions").addObject();
        expression.put("key", storage.topologyKey());
        expression.putArray("values").add(zone);
        return new Manifest(ResourceRef.storageClass(storage.storageClassName()), sc);
    }

    private static Manifest claim(RenderInput blueprint, Map<String, String> labels) {
        StorageSpec storage = blueprint.storage();
        ObjectNode pvc = object("v1", "PersistentVolumeClaim", metadata(storage.claimName(), blueprint.namespace(), labels));
        pvc.set("spec", claimSpec(storage));
        return new Manifest(ResourceRef.claim(blueprint.namespace(), storage.claimName()), pvc);
    }

    private static ObjectNode claimSpec(StorageSpec storage) {
        ObjectNode spec = JSON.objectNode();
        spec.putArray("accessModes").add(storage.accessMode().kubernetesName());
        spec.put("storageClassName", storage.storageClassName());
        spec.putObject("resources").putObject("requests").put("storage", storage.size());
        return spec;
    }

    private static Manifest workload(RenderInput blueprint, Map<String, String> labels) {
        WorkloadSpec workload = blueprint.workload();
        ResourceRef ref = workloadRef(blueprint.namespace(), workload);
        ObjectNode object = object(ref.apiVersion(), ref.kind(), metadata(workload.name(), blueprint.namespace(), labels));
        ObjectNode spec = object.putObject("spec");
        if (workload.kind() == WorkloadKind.STATEFULSET) {
            spec.put("serviceName", workload.name());
        }
        spec.put("replicas", workload.replicas());
        spec.putObject("selector").set("matchLabels", map(podSelector(workload)));
        ObjectNode template = spec.putObject("template");
        Map<String, String> podLabels = new LinkedHashMap<>(podSelector(workload));
        podLabels.putAll(labels);
        template.putObject("metadata").set("labels", map(podLabels));
        template.set("spec", podSpec(blueprint));
        if (workload.kind() == WorkloadKind.STATEFULSET) {
            ObjectNode claimTemplate = spec.putArray("volumeClaimTemplates").addObject();
            claimTemplate.set("metadata", metadata(blueprint.storage().claimName(), null, labels));
            claimTemplate.set("spec", claimSpec(blueprint.storage()));
            // Claims go with the StatefulSet, so cleanup leaves no volume behind; scaling down keeps them for reuse.
            ObjectNode retention = spec.putObject("persistentVolumeClaimRetentionPolicy");
            retention.put("whenDeleted", "Delete");
            retention.put("whenScaled", "Retain");
        }
        return new Manifest(ref, object);
    }

    private static ObjectNode podSpec(RenderInput blueprint) {
        WorkloadSpec workload = blueprint.workload();
        ObjectNode pod = JSON.objectNode();
        pod.put("terminationGracePeriodSeconds", workload.terminationGracePeriodSeconds());
        if (!workload.nodeSelector().isEmpty()) {
            pod.set("nodeSelector", map(workload.nodeSelector()));
        }
        if (workload.restrictedSecurity()) {
            ObjectNode security = pod.putObject("securityContext");
            security.put("runAsNonRoot", true);
            security.put("runAsUser", 1000);
            security.put("fsGroup", 1000);
            security.putObject("seccompProfile").put("type", "RuntimeDefault");
        }
        ObjectNode container = pod.putArray("containers").addObject();
        container.put("name", workload.name());
        container.put("image", workload.image());
        container.putArray("command").add("/bin/sh");
        container.putArray("args").add("-c").add(workload.writerScript());
        ObjectNode mount = container.putArray("volumeMounts").addObject();
        mount.put("name", volumeName(blueprint));
        mount.put("mountPath", workload.mountPath());
        container.putObject("resources").putObject("requests").put("cpu", workload.cpuRequest());
        if (workload.restrictedSecurity()) {
            ObjectNode security = container.putObject("securityContext");
            security.put("allowPrivilegeEscalation", false);
            security.putObject("capabilities").putArray("drop").add("ALL");
        }
        if (workload.kind() == WorkloadKind.DEPLOYMENT) {
            ObjectNode volume = pod.putArray("volumes").addObject();
            volume.put("name", VOLUME);
            volume.putObject("persistentVolumeClaim").put("claimName", blueprint.storage().claimName());
        }
        return pod;
    }

    /** The pod's volume: the blueprint's name for a Deployment; a StatefulSet's claim template names it. */
    private static String volumeName(RenderInput blueprint) {
        return blueprint.workload().kind() == WorkloadKind.STATEFULSET ? blueprint.storage().claimName() : VOLUME;
    }

    private static ObjectNode object(String apiVersion, String kind, ObjectNode metadata) {
        ObjectNode object = JSON.objectNode();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        object.set("metadata", metadata);
        return object;
    }

    private static ObjectNode metadata(String name, String namespace, Map<String, String> labels) {
        ObjectNode metadata = JSON.objectNode();
        metadata.put("name", name);
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        metadata.set("labels", map(labels));
        return metadata;
    }

    private static ObjectNode map(Map<String, String> values) {
        ObjectNode node = JSON.objectNode();
        values.forEach(node::put);
        return node;
    }
}
