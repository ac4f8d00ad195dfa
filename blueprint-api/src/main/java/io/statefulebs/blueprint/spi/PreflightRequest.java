package io.statefulebs.blueprint.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ClusterChecks#preflight} checks: the manifests a run is about to apply, the CSI provisioner its
 * StorageClass names and the node selector its pods carry.
 */
public record PreflightRequest(String namespace, List<Manifest> manifests, String provisioner, Map<String, String> nodeSelector) {
    /**
     * Copies the manifests and node selector; namespace and provisioner are required.
     *
     * @param namespace the run's namespace
     * @param manifests the manifests the run applies
     * @param provisioner the CSI provisioner the StorageClass names
     * @param nodeSelector the node selector of the pods
     */
    public PreflightRequest {
        Objects.requireNonNull(namespace, "namespace");
        manifests = List.copyOf(manifests);
        Objects.requireNonNull(provisioner, "provisioner");
        nodeSelector = Map.copyOf(nodeSelector);
    }

    /**
     * The manifest of {@code kind}, if the run applies one.
     *
     * @param kind the kind to look for
     * @return the manifest, or empty
     */
    public Optional<Manifest> manifest(ManagedKind kind) {
        return manifests.stream().filter(m -> m.ref().kind().equals(kind.kind())).findFirst();
    }
}
