package io.statefulebs.blueprint.spi;

import io.statefulebs.blueprint.view.EbsVolumeView;

import java.util.List;

/**
 * Lists the EBS volumes the EBS CSI driver created that are attached to nothing (EC2 state {@code available}), for the
 * storage doctor's left-behind volumes; {@code blueprint-aws} implements it with EC2 DescribeVolumes. Read-only and
 * thread-safe.
 */
@FunctionalInterface
public interface CloudVolumeSource {
    /** {@return the available volumes tagged by the EBS CSI driver, in any order} */
    List<EbsVolumeView> availableDriverVolumes();
}
