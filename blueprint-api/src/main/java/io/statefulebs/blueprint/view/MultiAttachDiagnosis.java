package io.statefulebs.blueprint.view;

import java.time.Instant;
import java.util.List;

/**
 * A ReadWriteOnce volume that pods cannot attach because it is still attached to another node, recognised from
 * {@code FailedAttachVolume} "Multi-Attach error" events.
 *
 * @param volume        the persistent volume
 * @param attachment    the VolumeAttachment that holds it, empty if none
 * @param waitingPods   pods whose attach failed
 * @param attachedNode  the node the volume is still attached to (from its VolumeAttachment), empty if unknown
 * @param nodeExists    whether that node object still exists
 * @param nodeReady     whether that node is Ready
 * @param firstSeen     the first Multi-Attach event
 * @param explanation   why it happens and what resolves it
 */
public record MultiAttachDiagnosis(String volume, String attachment, List<String> waitingPods, String attachedNode, boolean nodeExists,
                                   boolean nodeReady, Instant firstSeen, String explanation) {
    /**
     * Copies the waiting pods.
     *
     * @param volume the persistent volume
     * @param attachment the VolumeAttachment that holds it, empty if none
     * @param waitingPods pods whose attach failed
     * @param attachedNode the node the volume is still attached to, empty if unknown
     * @param nodeExists whether that node object still exists
     * @param nodeReady whether that node is Ready
     * @param firstSeen the first Multi-Attach event
     * @param explanation why it happens and what resolves it
     */
    public MultiAttachDiagnosis {
        waitingPods = List.copyOf(waitingPods);
    }
}
