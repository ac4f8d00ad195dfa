package io.statefulebs.blueprint.examples.cli;

import io.statefulebs.blueprint.examples.walkthrough.VirtualTime;
import io.statefulebs.blueprint.spi.CloudVolumeSource;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spi.ZoneSource;

import java.util.List;
import java.util.Optional;

/**
 * The backend the CLI made for this invocation, what to tell the user about it, and what it adds to the
 * walkthrough. The CLI made it, so closing this closes it (and what it opened to reach it, such as AWS clients).
 *
 * @param description   for the first line of output, e.g. "embedded simulated cluster eu-west-2, seed 42"
 * @param virtualTime   present on the simulated cluster
 * @param zoneSource    zones from elsewhere than the backend (e.g. the AWS account), if any
 * @param cloudVolumes  the EBS CSI driver's unattached volumes from the AWS account, if known (for the doctor)
 * @param alsoOwned     closed after the backend
 */
record ChosenBackend(ClusterBackend backend, String description, Optional<VirtualTime> virtualTime,
                     Optional<ZoneSource> zoneSource, Optional<CloudVolumeSource> cloudVolumes, List<AutoCloseable> alsoOwned)
        implements AutoCloseable {
    @Override
    public void close() {
        backend.close();
        for (AutoCloseable owned : alsoOwned) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + owned + " failed: " + e.getMessage(), e);
            }
        }
    }
}
