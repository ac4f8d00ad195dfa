package io.statefulebs.blueprint.sim;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A PersistentVolumeClaim. Mutable; guarded by the cluster's lock. */
final class SimClaim {
    final String namespace;
    final String name;
    Map<String, String> labels;
    final String storageClass;
    final String size;
    final List<String> accessModes;
    final Instant createdAt;
    String volume = "";
    String selectedNode = "";
    boolean deleting;

    SimClaim(String namespace, String name, Map<String, String> labels, String storageClass, String size,
             List<String> accessModes, Instant createdAt) {
        this.namespace = namespace;
        this.name = name;
        this.labels = Map.copyOf(labels);
        this.storageClass = storageClass;
        this.size = size;
        this.accessModes = List.copyOf(accessModes);
        this.createdAt = createdAt;
    }

    String key() {
        return namespace + "/" + name;
    }

    boolean bound() {
        return !volume.isEmpty();
    }
}
