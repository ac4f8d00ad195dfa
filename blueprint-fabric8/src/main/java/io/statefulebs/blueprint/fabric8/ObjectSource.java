package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import io.statefulebs.blueprint.spi.ManagedKind;
import io.statefulebs.blueprint.spi.ResourceRef;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a {@link MappedClusterView} reads the raw objects: straight from the API server ({@link ApiObjectSource})
 * or from informer caches ({@link InformerObjectSource}).
 */
interface ObjectSource {
    List<Node> nodes();

    /** Pods of {@code namespace} whose labels contain every entry of {@code selector}. */
    List<Pod> pods(String namespace, Map<String, String> selector);

    Optional<PersistentVolumeClaim> claim(String namespace, String name);

    List<PersistentVolumeClaim> claims(String namespace, Map<String, String> selector);

    Optional<PersistentVolume> volume(String name);

    List<Event> events(String namespace);

    List<VolumeAttachment> volumeAttachments();

    /** Objects of {@code kind} in {@code namespace} (any, for a cluster-scoped kind) carrying every entry of {@code labels}. */
    List<? extends HasMetadata> labelled(ManagedKind kind, String namespace, Map<String, String> labels);

    /** The object {@code ref} names, if it exists. */
    Optional<? extends HasMetadata> find(ResourceRef ref);

    static boolean matches(Map<String, String> labels, Map<String, String> selector) {
        Map<String, String> actual = labels == null ? Map.of() : labels;
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(actual.get(e.getKey())));
    }
}
