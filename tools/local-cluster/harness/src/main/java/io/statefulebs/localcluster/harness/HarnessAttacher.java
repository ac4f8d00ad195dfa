package io.statefulebs.localcluster.harness;

import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachmentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.util.List;
import java.util.Objects;

/**
 * Plays the CSI external-attacher of the EBS CSI driver (the controller side of attach): kube-controller-manager's
 * attach-detach controller creates a VolumeAttachment for a volume a pod on a node needs; this marks it attached
 * (first adding the attacher's finalizer, as external-attacher does), and when it is deleted "detaches" and removes the
 * finalizer so the object goes. A node that no longer exists gets an attach error instead, as EC2's AttachVolume
 * fails for a missing instance. There is no EBS here: attaching is instant and always succeeds otherwise.
 */
final class HarnessAttacher extends HarnessPart {
    /** external-attacher's finalizer: {@code external-attacher/} and the driver name with dots as dashes. */
    static final String FINALIZER = "external-attacher/" + HarnessEbsProvisioner.DRIVER.replace('.', '-');

    HarnessAttacher(KubernetesClient client) {
        super(client, "harness-attacher");
    }

    @Override
    void start() {
        // Resync every few seconds: a failed write is retried, as external-attacher retries with backoff.
        track(client.storage().v1().volumeAttachments().inform(onWorker(this::changed), 5_000));
    }

    private void changed(VolumeAttachment event) {
        if (!HarnessEbsProvisioner.DRIVER.equals(event.getSpec().getAttacher())) {
            return;
        }
        // Events queue up behind this worker's own writes: act on the object as it is now, not as the event saw it.
        VolumeAttachment attachment = client.storage().v1().volumeAttachments().withName(event.getMetadata().getName()).get();
        if (attachment == null) {
            return;
        }
        String name = attachment.getMetadata().getName();
        List<String> finalizers = Objects.requireNonNullElse(attachment.getMetadata().getFinalizers(), List.of());
        if (attachment.getMetadata().getDeletionTimestamp() != null) {
            if (finalizers.contains(FINALIZER)) {
                client.storage().v1().volumeAttachments().withName(name).edit(a -> new VolumeAttachmentBuilder(a)
                        .editMetadata().removeFromFinalizers(FINALIZER).endMetadata().build());
                log.info("detached {} from {} ({})", volumeOf(attachment), attachment.getSpec().getNodeName(), name);
            }
            return;
        }
        boolean attached = attachment.getStatus() != null && Boolean.TRUE.equals(attachment.getStatus().getAttached());
        if (attached) {
            return;
        }
        String node = attachment.getSpec().getNodeName();
        if (client.nodes().withName(node).get() == null) {
            patchStatus(name, "{\"status\":{\"attached\":false,\"attachError\":{\"time\":\"" + java.time.Instant.now()
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\",\"message\":\"rpc error: code = NotFound desc ="
                    + " Instance of node " + node + " not found\"}}}");
            return;
        }
        if (!finalizers.contains(FINALIZER)) {
            client.storage().v1().volumeAttachments().withName(name).edit(a -> new VolumeAttachmentBuilder(a)
                    .editMetadata().addToFinalizers(FINALIZER).endMetadata().build());
        }
        patchStatus(name, "{\"status\":{\"attached\":true,\"attachmentMetadata\":{\"devicePath\":\"/dev/xvdaa\"},\"attachError\":null}}");
        log.info("attached {} to {} ({})", volumeOf(attachment), node, name);
    }

    private void patchStatus(String name, String mergePatch) {
        client.storage().v1().volumeAttachments().withName(name).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
    }

    private static String volumeOf(VolumeAttachment attachment) {
        return attachment.getSpec().getSource() == null ? "?" : attachment.getSpec().getSource().getPersistentVolumeName();
    }
}
