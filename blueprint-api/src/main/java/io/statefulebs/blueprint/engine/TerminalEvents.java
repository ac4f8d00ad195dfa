package io.statefulebs.blueprint.engine;

import io.statefulebs.blueprint.view.EventView;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Events after which waiting is pointless. Karpenter reports a pod that no NodePool can ever fit as
 * {@code FailedScheduling} with "incompatible with nodepool ..." or "no nodepools found"; the CSI provisioner
 * reports {@code ProvisioningFailed} on the claim.
 */
final class TerminalEvents {
    private static final List<String> NO_NODEPOOL_FITS = List.of(
            "incompatible with nodepool", "no nodepools found", "all available instance types exceed limits");

    private TerminalEvents() {
    }

    static Optional<String> find(List<EventView> events, Collection<String> pods, Collection<String> claims) {
        for (EventView e : events) {
            boolean karpenterGaveUp = e.objectKind().equals("Pod") && pods.contains(e.objectName())
                    && e.reason().equals("FailedScheduling") && e.source().contains("karpenter")
                    && NO_NODEPOOL_FITS.stream().anyMatch(e.message()::contains);
            boolean provisioningFailed = e.objectKind().equals("PersistentVolumeClaim") && claims.contains(e.objectName())
                    && e.reason().equals("ProvisioningFailed");
            if (karpenterGaveUp || provisioningFailed) {
                return Optional.of(e.objectKind() + " " + e.objectName() + ": " + e.reason() + " (" + e.source() + "): " + e.message());
            }
        }
        return Optional.empty();
    }
}
