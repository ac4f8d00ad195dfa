package io.statefulebs.blueprint.spi;

import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.EventView;
import io.statefulebs.blueprint.view.NodeView;
import io.statefulebs.blueprint.view.ObjectMetadata;
import io.statefulebs.blueprint.view.PodView;
import io.statefulebs.blueprint.view.VolumeAttachmentView;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only, typed views of the cluster. Conditions evaluate against it; a backend may answer from a cache
 * kept current by watches, so reading it while waiting costs no API request.
 */
public interface ClusterView {
    /** {@return the cluster's nodes} */
    List<NodeView> nodes();

    /**
     * Pods in {@code namespace} whose labels contain every entry of {@code selector}.
     *
     * @param namespace the namespace
     * @param selector the labels the pods must carry
     * @return the pods found
     */
    List<PodView> pods(String namespace, Map<String, String> selector);

    /**
     * The claim named {@code name} in {@code namespace}.
     *
     * @param namespace the namespace
     * @param name the claim's name
     * @return the claim, or empty when it does not exist
     */
    Optional<ClaimView> claim(String namespace, String name);

    /**
     * Claims in {@code namespace} whose labels contain every entry of {@code selector}.
     *
     * @param namespace the namespace
     * @param selector the labels the claims must carry
     * @return the claims found
     */
    List<ClaimView> claims(String namespace, Map<String, String> selector);

    /**
     * Events of the namespace, oldest first (both core/v1 and events.k8s.io where the backend reads both).
     *
     * @param namespace the namespace
     * @return the events
     */
    List<EventView> events(String namespace);

    /** {@return the cluster's VolumeAttachments} */
    List<VolumeAttachmentView> volumeAttachments();

    /**
     * Whether the object exists.
     *
     * @param ref the object
     * @return whether it exists
     */
    boolean exists(ResourceRef ref);

    /**
     * The object's labels, resourceVersion and field managers; empty when it does not exist.
     *
     * @param ref the object
     * @return its metadata, or empty
     */
    Optional<ObjectMetadata> metadata(ResourceRef ref);

    /**
     * Every object in {@code namespace} (and cluster-scoped) of the {@link ManagedKind}s carrying all {@code labels}.
     *
     * @param namespace the namespace to search
     * @param labels the labels every object found carries
     * @return the objects found
     */
    List<ResourceRef> listLabelled(String namespace, Map<String, String> labels);

    /**
     * {@link #listLabelled}, each object with its metadata as the backend read it, so that a delete can be made
     * conditional on that resourceVersion without reading the object again. By default one {@link #metadata} read per
     * object found (an object gone in between is left out); a backend whose list returns the metadata overrides it.
     *
     * @param namespace the namespace to search
     * @param labels the labels every object found carries
     * @return the objects found, in {@link #listLabelled} order, each with its metadata
     */
    default Map<ResourceRef, ObjectMetadata> listLabelledMetadata(String namespace, Map<String, String> labels) {
        Map<ResourceRef, ObjectMetadata> found = new LinkedHashMap<>();
        for (ResourceRef ref : listLabelled(namespace, labels)) {
            metadata(ref).ifPresent(m -> found.put(ref, m));
        }
        return found;
    }
}
