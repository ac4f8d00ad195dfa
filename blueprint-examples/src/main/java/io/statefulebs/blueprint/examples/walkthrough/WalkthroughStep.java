package io.statefulebs.blueprint.examples.walkthrough;

import java.util.Arrays;
import java.util.List;

/** The steps of the blueprint's README, in order, each with what it waits for. */
public enum WalkthroughStep {
    ZONE("zone", "an availability zone to pin the StorageClass to"),
    APPLY("apply", "the StorageClass, claim and workload applied; the claim waits for its first consumer"),
    AWAIT_READY("await-ready", "the claim Bound and every replica Running"),
    INSPECT("inspect", "nothing; lists pods, claims and nodes"),
    VERIFY_ZONE("verify-zone", "nothing; checks the workload's nodes and volumes are in the chosen zone"),
    READ_FILE("read-file", "nothing; reads the file from the newest pod"),
    LET_TIME_PASS("let-time-pass", "three minutes of cluster time, so every writer appends a line"),
    FAILOVER("failover", "the deleted pod's replacement Running, with the earlier lines still in the file"),
    /** Only with {@code --disrupt}: not among the steps of a plain walkthrough. */
    DISRUPT("disrupt", "Karpenter to replace the pods' node (its NodeClaim deleted) and every replica Ready again in the"
            + " volume's zone, within the bound"),
    SCALE_DOWN("scale-down", "the pods gone and consolidation removing their node"),
    SCALE_UP("scale-up", "the replicas Running again on a new node in the volume's zone"),
    CLEANUP("cleanup", "every object of the run, and its volumes, deleted");

    /** The steps a walkthrough runs, in order: every step, {@link #DISRUPT} only when asked for. */
    public static List<WalkthroughStep> planned(boolean disrupt) {
        return Arrays.stream(values()).filter(s -> disrupt || s != DISRUPT).toList();
    }

    private final String label;
    private final String awaits;

    WalkthroughStep(String label, String awaits) {
        this.label = label;
        this.awaits = awaits;
    }

    /** The name used in output and reports, e.g. {@code await-ready}. */
    public String label() {
        return label;
    }

    /** What the step waits for, in words. */
    public String awaits() {
        return awaits;
    }
}
