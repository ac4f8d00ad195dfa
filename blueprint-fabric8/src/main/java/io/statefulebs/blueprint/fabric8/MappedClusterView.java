package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.statefulebs.blueprint.spi.ClusterView;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.EventView;
import io.statefulebs.blueprint.view.NodeView;
import io.statefulebs.blueprint.view.ObjectMetadata;
import io.statefulebs.blueprint.view.PodView;
import io.statefulebs.blueprint.view.VolumeAttachmentView;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The typed {@link ClusterView} over an {@link ObjectSource}; sorted so that evaluations are deterministic. */
final class MappedClusterView implements ClusterView {
    private final ObjectSource source;

    MappedClusterView(ObjectSource source) {
        this.source = source;
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

    private ClaimView claimView(PersistentVolumeClaim claim) {
        String volumeName = claim.getSpec() == null ? null : claim.getSpec().getVolumeName();
        String zone = volumeName == null || volumeName.isEmpty()
                ? "" : source.volume(volumeName).map(ViewMapper::zone).orElse("");
        return ViewMapper.claim(claim, zone);
    }
}
