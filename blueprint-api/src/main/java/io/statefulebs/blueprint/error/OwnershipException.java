package io.statefulebs.blueprint.error;

import io.statefulebs.blueprint.view.Finding;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The run would take over objects it did not create (another run's, or not this library's), or its run id is live on
 * the cluster. Nothing was written. Each finding names the object, who owns it and the ways out.
 */
public class OwnershipException extends BlueprintException {
    /** One finding per conflicting object or live run id. */
    private final List<Finding> conflicts;

    /**
     * An exception listing the conflicts.
     *
     * @param runId the run that would take the objects over
     * @param conflicts one finding per conflict
     */
    public OwnershipException(String runId, List<Finding> conflicts) {
        super("run " + runId + " would take over objects it did not create, nothing was written:"
                + conflicts.stream().map(f -> "\n  - " + f).collect(Collectors.joining()));
        this.conflicts = List.copyOf(conflicts);
    }

    /**
     * One finding per object that belongs to someone else (check {@code ownership}) or per live run id.
     *
     * @return the conflicts
     */
    public List<Finding> conflicts() {
        return conflicts;
    }
}
