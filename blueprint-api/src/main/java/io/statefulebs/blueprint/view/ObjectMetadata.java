package io.statefulebs.blueprint.view;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who an object belongs to: its labels (where the library's ownership labels live), the resourceVersion a delete can
 * be made conditional on, and the field managers that wrote it (as {@code metadata.managedFields} names them; empty
 * where the backend does not record them).
 */
public record ObjectMetadata(String kind, String namespace, String name, Map<String, String> labels, String resourceVersion,
                             List<String> fieldManagers) {
    /**
     * Requires kind, name and resourceVersion; copies the labels and field managers.
     *
     * @param kind the object's kind
     * @param namespace its namespace, null when cluster-scoped
     * @param name its name
     * @param labels its labels
     * @param resourceVersion its resourceVersion
     * @param fieldManagers the field managers that wrote it
     */
    public ObjectMetadata {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(resourceVersion, "resourceVersion");
        fieldManagers = List.copyOf(fieldManagers);
    }
}
