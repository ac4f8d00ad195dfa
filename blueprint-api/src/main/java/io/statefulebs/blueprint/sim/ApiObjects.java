package io.statefulebs.blueprint.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.error.NotFoundException;
import io.statefulebs.blueprint.spi.ManagedKind;
import io.statefulebs.blueprint.spi.Manifest;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.view.ObjectMetadata;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated API server's object handling: what a write of each kind does to the model (with the API server's
 * immutability rules), what a delete removes, each object's metadata and resourceVersion, and label selection.
 * The controllers' reactions are the model's. Not thread-safe: the cluster calls it holding its lock.
 */
final class ApiObjects {
    private final ClusterModel model;
    private final Clock clock;
    /** Each written object's resourceVersion, by {@code Kind/namespace/name}; a write gives it a new one. */
    private final Map<String, Long> resourceVersions = new HashMap<>();
    private long lastResourceVersion;

    ApiObjects(ClusterModel model, Clock clock) {
        this.model = model;
        this.clock = clock;
    }

    /** Creates the object; a 409 Conflict when it exists. */
    void create(Manifest manifest) {
        ResourceRef ref = manifest.ref();
        if (exists(ref)) {
            throw new BackendException("create " + ref, BackendException.Kind.CONFLICT, 409, ref.kind() + " \""
                    + ref.name() + "\" already exists", null);
        }
        write(manifest);
    }

    /** Creates or updates the object (the StorageClass, a claim or a workload) as a server-side apply would. */
    void write(Manifest manifest) {
        ResourceRef ref = manifest.ref();
        ObjectNode body = manifest.body();
        switch (ManagedKind.of(ref).orElse(ManagedKind.POD)) {
            case STORAGE_CLASS -> applyStorageClass(ref, body);
            case PERSISTENT_VOLUME_CLAIM -> applyClaim(ref, body);
            case DEPLOYMENT, STATEFUL_SET -> applyWorkload(ref, body);
            case POD -> throw new BackendException("apply " + ref, BackendException.Kind.INVALID, 0,
                    "the simulated cluster does not model applying " + ref.kind() + "; it applies StorageClasses, claims and workloads",
                    null);
        }
        touched(ref);
    }

    /** Sets the workload's replicas, as its scale subresource does. */
    void scale(ResourceRef workload, int replicas) {
        SimWorkload found = model.workloads.get(key(workload));
        if (found == null || !found.kind.equals(workload.kind())) {
            throw new NotFoundException("scale " + workload, workload.kind() + " " + workload.name() + " not found in namespace "
                    + workload.namespace());
        }
        found.replicas = replicas;
        touched(workload);
    }

    private void touched(ResourceRef ref) {
        resourceVersions.put(ref.toString(), ++lastResourceVersion);
    }

    private void applyStorageClass(ResourceRef ref, ObjectNode body) {
        SimStorageClass incoming = SimStorageClass.read(body);
        SimStorageClass existing = model.storageClasses.get(ref.name());
        if (existing != null && !existing.immutablePart().equals(incoming.immutablePart())) {
            throw new BackendException("apply " + ref, "StorageClass.storage.k8s.io \"" + ref.name()
                    + "\" is invalid: parameters, provisioner, volumeBindingMode and allowedTopologies cannot be changed;"
                    + " delete it first or use another storageClassName");
        }
        model.storageClasses.put(ref.name(), incoming);
    }

    private void applyClaim(ResourceRef ref, ObjectNode body) {
        JsonNode spec = body.path("spec");
        SimClaim incoming = new SimClaim(ref.namespace(), ref.name(),
                PodTemplate.strings(body.path("metadata").path("labels")),
                spec.path("storageClassName").asText(), spec.path("resources").path("requests").path("storage").asText(),
                EbsCsiModel.accessModes(spec), clock.instant());
        SimClaim existing = model.claims.get(key(ref));
        if (existing == null) {
            model.claims.put(key(ref), incoming);
            model.ebs.claimCreated(incoming);
            return;
        }
        if (!existing.storageClass.equals(incoming.storageClass) || !existing.accessModes.equals(incoming.accessModes)
                || !existing.size.equals(incoming.size)) {
            throw new BackendException("apply " + ref, "PersistentVolumeClaim \"" + ref.name()
                    + "\" is invalid: spec is immutable after creation except resources.requests for bound claims");
        }
        existing.labels = incoming.labels;
    }

    private void applyWorkload(ResourceRef ref, ObjectNode body) {
        SimWorkload incoming;
        try {
            incoming = new SimWorkload(body);
        } catch (IllegalArgumentException invalid) {
            throw new BackendException("apply " + ref, ref.kind() + ".apps \"" + ref.name() + "\" is invalid: " + invalid.getMessage());
        }
        SimWorkload existing = model.workloads.get(incoming.key());
        if (existing != null && existing.templateHash.equals(incoming.templateHash)) {
            existing.replicas = incoming.replicas;
            existing.labels = incoming.labels;
            return;
        }
        if (existing != null) {
            // A changed pod template rolls the pods: recreate them from the new template.
            model.podsOf(existing).forEach(model::deletePod);
        }
        model.workloads.put(incoming.key(), incoming);
    }

    /** A delete's precondition: a 409 Conflict when the object changed since {@code resourceVersion} was read. */
    void requireResourceVersion(ResourceRef ref, String resourceVersion) {
        Optional<ObjectMetadata> current = metadata(ref);
        if (current.isPresent() && !current.get().resourceVersion().equals(resourceVersion)) {
            throw new BackendException("delete " + ref, BackendException.Kind.CONFLICT, 409, "Operation cannot be fulfilled on "
                    + ref.kind() + " \"" + ref.name() + "\": the resourceVersion in the precondition (" + resourceVersion
                    + ") does not match the object's (" + current.get().resourceVersion() + ")", null);
        }
    }

    /** Deletes the object (a managed kind, or a Node: the instance's loss); whether it existed. */
    boolean remove(ResourceRef ref) {
        boolean existed = ManagedKind.of(ref).map(kind -> switch (kind) {
            case STORAGE_CLASS -> model.storageClasses.remove(ref.name()) != null;
            case PERSISTENT_VOLUME_CLAIM -> deleteClaim(ref);
            case DEPLOYMENT, STATEFUL_SET -> deleteWorkload(ref);
            case POD -> Optional.ofNullable(model.pods.get(key(ref))).map(pod -> {
                model.deletePod(pod);
                return true;
            }).orElse(false);
        }).orElseGet(() -> "Node".equals(ref.kind()) && deleteNode(ref.name()));
        resourceVersions.remove(ref.toString());
        return existed;
    }

    private boolean deleteNode(String name) {
        SimNode node = model.nodes.remove(name);
        if (node == null) {
            return false;
        }
        model.pods.onNode(node.name).forEach(model::deletePod);
        return true;
    }

    private boolean deleteClaim(ResourceRef ref) {
        SimClaim claim = model.claims.get(key(ref));
        if (claim == null) {
            return false;
        }
        model.ebs.deleteClaim(claim);
        return true;
    }

    private boolean deleteWorkload(ResourceRef ref) {
        SimWorkload workload = model.workloads.get(key(ref));
        if (workload == null || !workload.kind.equals(ref.kind())) {
            return false;
        }
        model.workloads.remove(workload.key());
        model.podsOf(workload).forEach(model::deletePod);
        if (workload.statefulSet() && workload.deleteClaimsWithSet) {
            // Only the claims the set made (they carry its claim template's labels), not namesakes someone else made.
            Map<String, String> madeBySet = PodTemplate.strings(workload.claimTemplate.path("metadata").path("labels"));
            model.claims.values().stream().filter(c -> c.namespace.equals(workload.namespace)
                            && c.name.startsWith(workload.template.claimName() + "-" + workload.name + "-")
                            && c.labels.entrySet().containsAll(madeBySet.entrySet()))
                    .toList().forEach(model.ebs::deleteClaim);
        }
        return true;
    }

    /** The object's labels and resourceVersion, if it exists. The simulator records no field managers, and no labels on volumes. */
    Optional<ObjectMetadata> metadata(ResourceRef ref) {
        Optional<Map<String, String>> labels = ManagedKind.of(ref).map(kind -> switch (kind) {
            case STORAGE_CLASS -> Optional.ofNullable(model.storageClasses.get(ref.name())).map(SimStorageClass::labels);
            case PERSISTENT_VOLUME_CLAIM -> Optional.ofNullable(model.claims.get(key(ref))).map(c -> c.labels);
            case DEPLOYMENT, STATEFUL_SET -> Optional.ofNullable(model.workloads.get(key(ref)))
                    .filter(w -> w.kind.equals(ref.kind())).map(w -> w.labels);
            case POD -> Optional.ofNullable(model.pods.get(key(ref))).map(p -> p.template.labels());
        }).orElseGet(() -> switch (ref.kind()) {
            case "PersistentVolume" -> Optional.ofNullable(model.volumes.get(ref.name())).map(v -> Map.<String, String>of());
            case "Node" -> Optional.ofNullable(model.nodes.get(ref.name())).map(n -> n.labels);
            default -> Optional.empty();
        });
        return labels.map(l -> new ObjectMetadata(ref.kind(), ref.namespace(), ref.name(), l,
                String.valueOf(resourceVersions.getOrDefault(ref.toString(), 1L)), List.of()));
    }

    boolean exists(ResourceRef ref) {
        return metadata(ref).isPresent();
    }

    /** The StorageClasses, and the claims, workloads and pods in {@code namespace}, carrying every one of {@code labels}. */
    List<ResourceRef> labelled(String namespace, Map<String, String> labels) {
        List<ResourceRef> refs = new ArrayList<>();
        model.storageClasses.values().stream().filter(sc -> matches(sc.labels(), labels))
                .forEach(sc -> refs.add(ResourceRef.storageClass(sc.name())));
        model.claims.values().stream().filter(c -> c.namespace.equals(namespace) && matches(c.labels, labels))
                .forEach(c -> refs.add(ResourceRef.claim(namespace, c.name)));
        model.workloads.values().stream().filter(w -> w.namespace.equals(namespace) && matches(w.labels, labels))
                .forEach(w -> refs.add(new ResourceRef("apps/v1", w.kind, namespace, w.name)));
        model.pods.in(namespace).stream().filter(p -> matches(p.template.labels(), labels))
                .forEach(p -> refs.add(ResourceRef.pod(namespace, p.name)));
        return refs;
    }

    /** Every StorageClass, claim, volume, workload and pod, in any namespace. */
    List<ResourceRef> all() {
        List<ResourceRef> refs = new ArrayList<>();
        model.storageClasses.keySet().forEach(name -> refs.add(ResourceRef.storageClass(name)));
        model.claims.values().forEach(c -> refs.add(ResourceRef.claim(c.namespace, c.name)));
        model.volumes.keySet().forEach(name -> refs.add(ResourceRef.persistentVolume(name)));
        model.workloads.values().forEach(w -> refs.add(new ResourceRef("apps/v1", w.kind, w.namespace, w.name)));
        model.pods.all().forEach(p -> refs.add(ResourceRef.pod(p.namespace, p.name)));
        return refs;
    }

    static boolean matches(Map<String, String> labels, Map<String, String> selector) {
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    static String key(ResourceRef ref) {
        return ref.namespace() + "/" + ref.name();
    }
}
