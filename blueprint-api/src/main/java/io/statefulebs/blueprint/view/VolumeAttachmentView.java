package io.statefulebs.blueprint.view;

/** A CSI VolumeAttachment: which node a persistent volume is (being) attached to. */
public record VolumeAttachmentView(String name, String volumeName, String node, boolean attached) {
}
