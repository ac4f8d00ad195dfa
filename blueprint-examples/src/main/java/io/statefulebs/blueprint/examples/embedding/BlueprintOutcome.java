package io.statefulebs.blueprint.examples.embedding;

import io.statefulebs.blueprint.view.ClaimView;

import java.util.List;

/**
 * What one blueprint run found, as a typed value a host tool can keep.
 *
 * @param runIdsHeard the run ids in the progress events this run's own listener received
 */
public record BlueprintOutcome(String namespace, String runId, String zone, List<String> pods, ClaimView claim,
                               List<String> fileLines, boolean cleanedUp, List<String> runIdsHeard) {
    public BlueprintOutcome {
        pods = List.copyOf(pods);
        fileLines = List.copyOf(fileLines);
        runIdsHeard = List.copyOf(runIdsHeard);
    }
}
