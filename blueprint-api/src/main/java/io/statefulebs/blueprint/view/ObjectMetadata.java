package io.statefulebs.blueprint.view;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who an object belongs to: its labels (where the library's ownership labels live), the resourceVersion a delete can
 * be made conditional on, the field managers that wrote it (as {@code metadata.managedFields} names them), its uid and
 * the uids of its owners ({@code metadata.ownerReferences}: the garbage collector deletes an object once all its owners
 * are gone). The last three are empty where the backend does not record them.
 */
public record ObjectMetadata(String kind, String namespace, String name, Map<String, String> labels, String resourceVersion,
                             List<String> fieldManagers, String uid, List<String> ownerUids) {
    /**
     * Requires kind, name, resourceVersion and uid (empty when unknown); copies the labels, field managers and owners.
     *
     * @param kind the object's kind
     * @param namespace its namespace, null when cluster-scoped
     * @param name its name
     * @param labels its labels
     * @param resourceVersion its resourceVersion
     * @param fieldManagers the field managers that wrote it
     * @param uid its uid, empty when the backend does not record it
     * @param ownerUids the uids of its owners, empty when it has none
     */
    public ObjectMetadata {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(resourceVersion, "resourceVersion");
        fieldManagers = List.copyOf(fieldManagers);
        Objects.requireNonNull(uid, "uid");
        ownerUids = List.copyOf(ownerUids);
    }

    /**
     * Metadata without uid or owners, for a backend that does not record them.
     *
     * @param kind the object's kind
     * @param namespace its namespace, null when cluster-scoped
     * @param name its name
     * @param labels its labels
     * @param resourceVersion its resourceVersion
     * @param fieldManagers the field managers that wrote it
     */
    public ObjectMetadata(String kind, String namespace, String name, Map<String, String> labels, String resourceVersion,
                          List<String> fieldManagers) {
        this(kind, namespace, name, labels, resourceVersion, fieldManagers, "", List.of());
    }
}
