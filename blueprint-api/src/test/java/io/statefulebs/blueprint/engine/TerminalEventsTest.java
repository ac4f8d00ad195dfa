package io.statefulebs.blueprint.engine;

import io.statefulebs.blueprint.view.EventView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Karpenter's ways of saying a pod can never fit, in v1's words and the older ones, and what is only a delay. */
class TerminalEventsTest {
    private static final String V1_ZONE_CONFLICT = "Failed to schedule pod, no instance type has the required offering, "
            + "requirements=intent In [zonal], karpenter.sh/capacity-type In [on-demand spot], karpenter.sh/nodepool In [zonal], "
            + "topology.ebs.csi.aws.com/zone In [eu-west-2a], topology.kubernetes.io/zone In [eu-west-2b eu-west-2c], "
            + "resources={\"cpu\":\"1000m\",\"pods\":\"1\"}";

    @Test
    void v1ZoneConflictIsHopeless() {
        assertThat(TerminalEvents.noNodePoolFits(V1_ZONE_CONFLICT)).isTrue();
    }

    @Test
    void everyNodePoolsClauseMustBeHopeless() {
        assertThat(TerminalEvents.noNodePoolFits(V1_ZONE_CONFLICT
                + "; incompatible requirements, key intent, intent In [zonal] not in intent In [apps]")).isTrue();
        assertThat(TerminalEvents.noNodePoolFits(V1_ZONE_CONFLICT
                + "; no instance type has the required offering, requirements=topology.ebs.csi.aws.com/zone In [eu-west-2a], "
                + "topology.kubernetes.io/zone In [eu-west-2a eu-west-2b]")).isFalse();
    }

    @Test
    void aMissingOfferingWhoseZonesMeetIsOnlyADelay() {
        assertThat(TerminalEvents.noNodePoolFits("Failed to schedule pod, no instance type has the required offering, "
                + "requirements=karpenter.sh/capacity-type In [spot], topology.ebs.csi.aws.com/zone In [eu-west-2a], "
                + "topology.kubernetes.io/zone In [eu-west-2a]")).isFalse();
        assertThat(TerminalEvents.noNodePoolFits("Failed to schedule pod, no instance type has the required offering")).isFalse();
    }

    @Test
    void olderWordingsStillCount() {
        assertThat(TerminalEvents.noNodePoolFits("Failed to schedule pod, incompatible with nodepool \"default\", "
                + "daemonset overhead={}, incompatible requirements, key topology.kubernetes.io/zone")).isTrue();
        assertThat(TerminalEvents.noNodePoolFits("Failed to schedule pod, no nodepools found")).isTrue();
    }

    @Test
    void onlyKarpentersEventsOnTheRunsOwnPodsCount() {
        Instant now = Instant.EPOCH;
        EventView karpenter = new EventView("Warning", "FailedScheduling", "Pod", "p1", V1_ZONE_CONFLICT, 1, now, now, "karpenter");
        EventView scheduler = new EventView("Warning", "FailedScheduling", "Pod", "p1", V1_ZONE_CONFLICT, 1, now, now, "default-scheduler");

        assertThat(TerminalEvents.find(List.of(karpenter), List.of("p1"), List.of())).isPresent();
        assertThat(TerminalEvents.find(List.of(karpenter), List.of("p2"), List.of())).isEmpty();
        assertThat(TerminalEvents.find(List.of(scheduler), List.of("p1"), List.of())).isEmpty();
    }
}
