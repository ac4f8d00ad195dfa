package io.statefulebs.blueprint.render;

import io.statefulebs.blueprint.spec.StorageSpec;
import io.statefulebs.blueprint.spec.WorkloadSpec;

import java.util.Map;
import java.util.Objects;

/**
 * What {@link ManifestRenderer} needs of a validated blueprint spec, with its zone resolved. Rendering depends on
 * the spec's parts, not on the fluent entry point, so the entry point can depend on rendering and not the reverse.
 */
public record RenderInput(String namespace, String zone, StorageSpec storage, WorkloadSpec workload,
                          Map<String, String> labels, String runId) {
    /**
     * Requires every part; copies the labels.
     *
     * @param namespace the namespace
     * @param zone the resolved zone
     * @param storage the storage part
     * @param workload the workload part
     * @param labels the extra labels
     * @param runId the run id
     */
    public RenderInput {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(workload, "workload");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(runId, "runId");
    }
}
