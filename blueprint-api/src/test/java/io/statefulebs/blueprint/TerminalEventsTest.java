package io.statefulebs.blueprint;

import io.statefulebs.blueprint.view.EventView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Karpenter's ways of saying a pod can never fit, in v1's words and the older ones, the provisioning failures that last,
 * and what is only a delay.
 */
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

    @Test
    void aClaimSaveConflictIsOnlyADelayHoweverOftenItRepeats() {
        EventView conflict = provisioningFailed("Error saving claim: Operation cannot be fulfilled on persistentvolumeclaims "
                + "\"ebs-claim\": the object has been modified; please apply your changes to the latest version and try again", 9);

        assertThat(TerminalEvents.find(List.of(conflict), List.of(), List.of("ebs-claim"))).isEmpty();
    }

    @Test
    void aLastingCauseEndsTheWaitAtOnce() {
        for (String lasting : List.of(
                "failed to provision volume with StorageClass \"storage-gp3\": rpc error: code = InvalidArgument desc = "
                        + "Invalid parameter value for type: gp9",
                "failed to provision volume with StorageClass \"storage-gp3\": rpc error: code = Internal desc = Could not "
                        + "create volume: UnauthorizedOperation",
                "storageclass.storage.k8s.io \"storage-gp3\" not found")) {
            assertThat(TerminalEvents.find(List.of(provisioningFailed(lasting, 1)), List.of(), List.of("ebs-claim")))
                    .as(lasting).hasValueSatisfying(text -> assertThat(text).contains(lasting));
        }
    }

    @Test
    void anUnknownCauseEndsTheWaitOnceTheClaimsProvisioningFailedThreeTimes() {
        EventView first = provisioningFailed("failed to provision volume: something new (request id 1)", 1);
        EventView second = provisioningFailed("failed to provision volume: something new (request id 2)", 1);
        EventView third = provisioningFailed("failed to provision volume: something new (request id 3)", 1);

        assertThat(TerminalEvents.find(List.of(first, second), List.of(), List.of("ebs-claim"))).isEmpty();
        assertThat(TerminalEvents.find(List.of(first, second, third), List.of(), List.of("ebs-claim"))).isPresent();
        assertThat(TerminalEvents.find(List.of(provisioningFailed("failed to provision volume: something new", 3)),
                List.of(), List.of("ebs-claim"))).isPresent();
    }

    @Test
    void eventsAboutBoundClaimsOrRunningPodsNoLongerCount() {
        EventView lasting = provisioningFailed("storageclass.storage.k8s.io \"storage-gp3\" not found", 1);
        Instant now = Instant.EPOCH;
        EventView karpenter = new EventView("Warning", "FailedScheduling", "Pod", "p1", V1_ZONE_CONFLICT, 1, now, now, "karpenter");

        assertThat(TerminalEvents.find(List.of(lasting), List.of(), List.of("ebs-claim"))).isPresent();
        assertThat(TerminalEvents.find(List.of(lasting), List.of(), List.of())).isEmpty();
        assertThat(TerminalEvents.find(List.of(karpenter), List.of(), List.of())).isEmpty();
    }

    private static EventView provisioningFailed(String message, int count) {
        Instant now = Instant.EPOCH;
        return new EventView("Warning", "ProvisioningFailed", "PersistentVolumeClaim", "ebs-claim", message, count, now, now,
                "persistentvolume-controller");
    }
}
