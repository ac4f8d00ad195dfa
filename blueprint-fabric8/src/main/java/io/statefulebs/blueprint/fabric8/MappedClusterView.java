package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.statefulebs.blueprint.spi.ClusterView;
import io.statefulebs.blueprint.spi.ManagedKind;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.EventView;
import io.statefulebs.blueprint.view.NodeView;
import io.statefulebs.blueprint.view.ObjectMetadata;
import io.statefulebs.blueprint.view.PodView;
import io.statefulebs.blueprint.view.VolumeAttachmentView;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/** The typed {@link ClusterView} over an {@link ObjectSource}; sorted so that evaluations are deterministic. */
final class MappedClusterView implements ClusterView {
    private final ObjectSource source;
    private final Function<String, Optional<PersistentVolume>> knownVolumes;

    MappedClusterView(ObjectSource source) {
        this(source, name -> Optional.empty());
    }

    /**
     * {@code knownVolumes}: volumes already cached (by the backend's informers), asked first for a claim's zone. A
     * volume's zone (its node affinity) never changes and its name is unique (pvc-&lt;the claim's uid&gt;), so a cached one
     * gives the same zone as a fresh read.
     */
    MappedClusterView(ObjectSource source, Function<String, Optional<PersistentVolume>> knownVolumes) {
        this.source = source;
        this.knownVolumes = knownVolumes;
    }

    @Override
    public List<NodeView> nodes() {
        return source.nodes().stream().map(ViewMapper::node).sorted(Comparator.comparing(NodeView::name)).toList();
    }

    @Override
    public List<PodView> pods(String namespace, Map<String, String> selector) {
        return source.pods(namespace, selector).stream().map(ViewMapper::pod)
                .sorted(Comparator.comparing(PodView::createdAt).thenComparing(PodView::name)).toList();
    }

    @Override
    public Optional<ClaimView> claim(String namespace, String name) {
        return source.claim(namespace, name).map(this::claimView);
    }

    @Override
    public List<ClaimView> claims(String namespace, Map<String, String> selector) {
        return source.claims(namespace, selector).stream().map(this::claimView)
                .sorted(Comparator.comparing(ClaimView::name)).toList();
    }

    @Override
    public List<EventView> events(String namespace) {
        return source.events(namespace).stream().map(ViewMapper::event)
                .sorted(Comparator.comparing(EventView::lastTime).thenComparing(EventView::firstTime)).toList();
    }

    @Override
    public List<VolumeAttachmentView> volumeAttachments() {
        return source.volumeAttachments().stream().map(ViewMapper::volumeAttachment)
                .sorted(Comparator.comparing(VolumeAttachmentView::name)).toList();
    }

    @Override
    public boolean exists(ResourceRef ref) {
        return source.find(ref).isPresent();
    }

    @Override
    public Optional<ObjectMetadata> metadata(ResourceRef ref) {
        return source.find(ref).map(object -> ViewMapper.metadata(ref, object));
    }

    @Override
    public List<ResourceRef> listLabelled(String namespace, Map<String, String> labels) {
        return List.copyOf(listLabelledMetadata(namespace, labels).keySet());
    }

    /** One read per {@link ManagedKind}; the metadata is the read's, so a conditional delete needs no further read. */
    @Override
    public Map<ResourceRef, ObjectMetadata> listLabelledMetadata(String namespace, Map<String, String> labels) {
        Map<ResourceRef, ObjectMetadata> found = new TreeMap<>(Comparator.comparing(ResourceRef::kind).thenComparing(ResourceRef::name));
        for (ManagedKind kind : ManagedKind.values()) {
            for (HasMetadata item : source.labelled(kind, namespace, labels)) {
                ResourceRef ref = kind.ref(namespace, item.getMetadata().getName());
                found.put(ref, ViewMapper.metadata(ref, item));
            }
        }
        return Collections.unmodifiableMap(found); // the TreeMap keeps the kind/name order
    }

    private ClaimView claimView(PersistentVolumeClaim claim) {
        String volumeName = claim.getSpec() == null ? null : claim.getSpec().getVolumeName();
        String zone = volumeName == null || volumeName.isEmpty()
                ? "" : knownVolumes.apply(volumeName).or(() -> source.volume(volumeName)).map(ViewMapper::zone).orElse("");
        return ViewMapper.claim(claim, zone);
    }
}
