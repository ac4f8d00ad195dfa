package io.statefulebs.blueprint.inventory;

import io.statefulebs.blueprint.view.VolumeAttachmentView;

import java.time.Instant;
import java.util.Objects;

/**
 * A VolumeAttachment with its driver ({@code spec.attacher}), when it was created, whether it is being deleted, and
 * the last attach or detach error the driver reported (empty when none).
 */
public record AttachmentDetails(VolumeAttachmentView attachment, String driver, Instant createdAt, boolean deleting,
                                String error) {
    /**
     * Creates the attachment details; every argument but {@code deleting} must be non-null.
     *
     * @param attachment the VolumeAttachment
     * @param driver     the CSI driver attaching it ({@code spec.attacher})
     * @param createdAt  when the VolumeAttachment was created
     * @param deleting   whether it is being deleted
     * @param error      the last attach or detach error the driver reported, empty when none
     */
    public AttachmentDetails {
        Objects.requireNonNull(attachment, "attachment");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(error, "error");
    }
}
