package io.statefulebs.blueprint.view;

/**
 * What {@code failover()} saw: the pod it deleted, the pod that read the file afterwards, the content before
 * and after, and whether every earlier line survived.
 */
public record FailoverReport(String deletedPod, String replacementPod, FileContent before, FileContent after,
                             boolean preserved) {
}
