package io.statefulebs.blueprint.spi;

import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.EventView;
import io.statefulebs.blueprint.view.NodeView;
import io.statefulebs.blueprint.view.ObjectMetadata;
import io.statefulebs.blueprint.view.PodView;
import io.statefulebs.blueprint.view.VolumeAttachmentView;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only, typed views of the cluster. Conditions evaluate against it; a backend may answer from a cache
 * kept current by watches, so reading it while waiting costs no API request.
 */
public interface ClusterView {
    List<NodeView> nodes();

    /** Pods in {@code namespace} whose labels contain every entry of {@code selector}. */
    List<PodView> pods(String namespace, Map<String, String> selector);

    Optional<ClaimView> claim(String namespace, String name);

    /** Claims in {@code namespace} whose labels contain every entry of {@code selector}. */
    List<ClaimView> claims(String namespace, Map<String, String> selector);

    /** Events of the namespace, oldest first (both core/v1 and events.k8s.io where the backend reads both). */
    List<EventView> events(String namespace);

    List<VolumeAttachmentView> volumeAttachments();

    boolean exists(ResourceRef ref);

    /** The object's labels, resourceVersion and field managers; empty when it does not exist. */
    Optional<ObjectMetadata> metadata(ResourceRef ref);
}
