package io.statefulebs.blueprint.render;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The labels that mark what a run created, so cleanup finds exactly those objects and nothing else. */
public final class OwnershipLabels {
    /** The standard label naming the tool that manages an object. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    /** The value of {@link #MANAGED_BY} on every object the library creates. */
    public static final String MANAGER = "stateful-ebs-blueprint";
    /** The label carrying the run id. */
    public static final String RUN_ID = "statefulebs.io/run-id";
    /** The pod label the workload selects on, as in the blueprint ({@code app: stateful}). */
    public static final String APP = "app";

    private static final Set<String> RESERVED = Set.of(MANAGED_BY, RUN_ID, APP);

    private OwnershipLabels() {
    }

    /**
     * The labels that select every object of one run.
     *
     * @param runId the run id
     * @return the managed-by and run-id labels
     */
    public static Map<String, String> forRun(String runId) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, MANAGER);
        labels.put(RUN_ID, runId);
        return labels;
    }

    /**
     * Whether an object with {@code labels} carries {@code runId}'s ownership label.
     *
     * @param labels the object's labels
     * @param runId the run id
     * @return whether it belongs to the run
     */
    public static boolean belongsTo(Map<String, String> labels, String runId) {
        return runId.equals(labels.get(RUN_ID));
    }

    /**
     * Whether users may not set this label key themselves.
     *
     * @param key the label key
     * @return whether the key is reserved
     */
    public static boolean reserved(String key) {
        return RESERVED.contains(key);
    }
}
