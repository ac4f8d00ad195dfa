package io.statefulebs.blueprint.fabric8;

import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.view.ObjectMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import io.statefulebs.blueprint.spec.StorageSpec;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.EventView;
import io.statefulebs.blueprint.view.NodeView;
import io.statefulebs.blueprint.view.PodView;
import io.statefulebs.blueprint.view.VolumeAttachmentView;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** Maps fabric8's model objects to the API's view records; missing values become empty strings, as the views require. */
final class ViewMapper {
    /** Labels, resourceVersion and the field managers of {@code metadata.managedFields}, in the order written. */
    static ObjectMetadata metadata(ResourceRef ref, HasMetadata object) {
        ObjectMeta meta = object.getMetadata();
        List<String> managers = meta.getManagedFields() == null ? List.of() : meta.getManagedFields().stream()
                .map(ManagedFieldsEntry::getManager).filter(Objects::nonNull).distinct().toList();
        List<String> owners = meta.getOwnerReferences() == null ? List.of() : meta.getOwnerReferences().stream()
                .map(OwnerReference::getUid).filter(Objects::nonNull).toList();
        return new ObjectMetadata(ref.kind(), ref.namespace(), ref.name(), meta.getLabels() == null ? Map.of() : meta.getLabels(),
                String.valueOf(meta.getResourceVersion()), managers, Objects.requireNonNullElse(meta.getUid(), ""), owners);
    }

    static final String ZONE = "topology.kubernetes.io/zone";
    static final String INSTANCE_TYPE = "node.kubernetes.io/instance-type";
    static final String INSTANCE_TYPE_BETA = "beta.kubernetes.io/instance-type";
    static final String CAPACITY_TYPE = "karpenter.sh/capacity-type";
    static final String NODE_POOL = "karpenter.sh/nodepool";
    static final String INITIALIZED = "karpenter.sh/initialized";
    private static final List<String> VOLUME_ZONE_KEYS = List.of(StorageSpec.EBS_CSI_TOPOLOGY_KEY, ZONE);

    private ViewMapper() {
    }

    static NodeView node(Node node) {
        Map<String, String> labels = orEmpty(node.getMetadata().getLabels());
        boolean ready = node.getStatus() != null && node.getStatus().getConditions() != null
                && node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        String instanceType = labels.getOrDefault(INSTANCE_TYPE, labels.getOrDefault(INSTANCE_TYPE_BETA, ""));
        return new NodeView(node.getMetadata().getName(), labels.getOrDefault(ZONE, ""), instanceType,
                labels.getOrDefault(CAPACITY_TYPE, ""), labels.getOrDefault(NODE_POOL, ""), ready,
                "true".equals(labels.get(INITIALIZED)), kubeletVersion(node),
                firstNonNull(instant(node.getMetadata().getCreationTimestamp()), Instant.EPOCH), labels);
    }

    static PodView pod(Pod pod) {
        var status = pod.getStatus();
        List<PodCondition> conditions = status == null || status.getConditions() == null ? List.of() : status.getConditions();
        List<ContainerStatus> containers = status == null || status.getContainerStatuses() == null
                ? List.of() : status.getContainerStatuses();
        boolean ready = conditions.stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        int restarts = containers.stream().map(ContainerStatus::getRestartCount).filter(Objects::nonNull)
                .mapToInt(Integer::intValue).sum();
        List<Volume> volumes = pod.getSpec() == null || pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes();
        List<String> claims = volumes.stream().filter(v -> v.getPersistentVolumeClaim() != null)
                .map(v -> v.getPersistentVolumeClaim().getClaimName()).toList();
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        String phase = status == null || status.getPhase() == null ? "Pending" : status.getPhase();
        return new PodView(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), orEmpty(pod.getMetadata().getUid()),
                phase, ready, orEmpty(node),
                podReason(pod, conditions, containers), restarts,
                firstNonNull(instant(pod.getMetadata().getCreationTimestamp()), Instant.EPOCH),
                orEmpty(pod.getMetadata().getLabels()), claims);
    }

    /** Why the pod is not running, as {@code kubectl get pods} shows it in STATUS. */
    private static String podReason(Pod pod, List<PodCondition> conditions, List<ContainerStatus> containers) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return "Terminating";
        }
        if (pod.getStatus() != null && pod.getStatus().getReason() != null) {
            return pod.getStatus().getReason();
        }
        Optional<String> waiting = containers.stream()
                .filter(c -> c.getState() != null && c.getState().getWaiting() != null)
                .map(c -> c.getState().getWaiting().getReason()).filter(Objects::nonNull).findFirst();
        if (waiting.isPresent()) {
            return waiting.get();
        }
        return conditions.stream().filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
                .map(PodCondition::getReason).filter(Objects::nonNull).findFirst().orElse("");
    }

    static ClaimView claim(PersistentVolumeClaim claim, String zone) {
        var status = claim.getStatus();
        var spec = claim.getSpec();
        Map<String, Quantity> capacity = status == null || status.getCapacity() == null ? Map.of() : status.getCapacity();
        String phase = status == null || status.getPhase() == null ? "Pending" : status.getPhase();
        Quantity storage = capacity.get("storage");
        return new ClaimView(claim.getMetadata().getNamespace(), claim.getMetadata().getName(), phase,
                orEmpty(spec == null ? null : spec.getVolumeName()), storage == null ? "" : storage.toString(), requested(spec),
                spec == null || spec.getAccessModes() == null ? List.of() : spec.getAccessModes(),
                orEmpty(spec == null ? null : spec.getStorageClassName()), zone,
                firstNonNull(instant(claim.getMetadata().getCreationTimestamp()), Instant.EPOCH));
    }

    private static String requested(PersistentVolumeClaimSpec spec) {
        Quantity storage = spec == null || spec.getResources() == null || spec.getResources().getRequests() == null ? null
                : spec.getResources().getRequests().get("storage");
        return storage == null ? "" : storage.toString();
    }

    private static String kubeletVersion(Node node) {
        return node.getStatus() == null || node.getStatus().getNodeInfo() == null ? ""
                : orEmpty(node.getStatus().getNodeInfo().getKubeletVersion());
    }

    /** The volume's zone from its node affinity (what the EBS CSI driver sets), else its zone label. */
    static String zone(PersistentVolume volume) {
        var affinity = volume.getSpec() == null ? null : volume.getSpec().getNodeAffinity();
        List<NodeSelectorTerm> terms = affinity == null || affinity.getRequired() == null
                || affinity.getRequired().getNodeSelectorTerms() == null
                ? List.of() : affinity.getRequired().getNodeSelectorTerms();
        return terms.stream()
                .flatMap(t -> t.getMatchExpressions() == null ? Stream.empty() : t.getMatchExpressions().stream())
                .filter(e -> VOLUME_ZONE_KEYS.contains(e.getKey()) && "In".equals(e.getOperator()))
                .map(NodeSelectorRequirement::getValues).filter(v -> v != null && !v.isEmpty()).map(v -> v.get(0))
                .findFirst()
                .orElse(orEmpty(volume.getMetadata().getLabels()).getOrDefault(ZONE, ""));
    }

    static EventView event(Event event) {
        Instant created = instant(event.getMetadata().getCreationTimestamp());
        Instant eventTime = event.getEventTime() == null ? null : instant(event.getEventTime().getTime());
        Instant first = firstNonNull(instant(event.getFirstTimestamp()), eventTime, created, Instant.EPOCH);
        Instant last = firstNonNull(instant(event.getLastTimestamp()), eventTime, first);
        var involved = event.getInvolvedObject();
        String source = event.getSource() != null && event.getSource().getComponent() != null
                ? event.getSource().getComponent() : orEmpty(event.getReportingComponent());
        return new EventView(orEmpty(event.getType()), orEmpty(event.getReason()),
                orEmpty(involved == null ? null : involved.getKind()), orEmpty(involved == null ? null : involved.getName()),
                orEmpty(event.getMessage()), event.getCount() == null ? 1 : event.getCount(), first, last, source);
    }

    static VolumeAttachmentView volumeAttachment(VolumeAttachment attachment) {
        var spec = attachment.getSpec();
        String volume = spec == null || spec.getSource() == null ? null : spec.getSource().getPersistentVolumeName();
        boolean attached = attachment.getStatus() != null && Boolean.TRUE.equals(attachment.getStatus().getAttached());
        return new VolumeAttachmentView(attachment.getMetadata().getName(), orEmpty(volume),
                orEmpty(spec == null ? null : spec.getNodeName()), attached);
    }

    /** An RFC 3339 timestamp, or null when absent or unreadable. */
    static Instant instant(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @SafeVarargs
    static <T> T firstNonNull(T... values) {
        return Stream.of(values).filter(Objects::nonNull).findFirst().orElse(null);
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    static Map<String, String> orEmpty(Map<String, String> value) {
        return value == null ? Map.of() : value;
    }
}
