package io.statefulebs.blueprint.aws;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.doctor.DoctorChecks;
import io.statefulebs.blueprint.doctor.DoctorReport;
import io.statefulebs.blueprint.doctor.StatefulStorageDoctor;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import io.statefulebs.blueprint.spec.WorkloadKind;
import io.statefulebs.blueprint.view.EbsVolumeView;
import io.statefulebs.blueprint.view.Finding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.VolumeType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The doctor's left-behind volumes with EBS volumes in moto (made through moto's CreateVolume, as the driver tags
 * them) and the cluster simulated; the simulated clock runs an hour ahead of moto's, so moto's fresh volumes are past
 * the provisioning grace. Other tests share moto, so only this test's volume ids are asserted.
 */
@ExtendWith(MotoServer.Tier.class)
class DoctorVolumesMotoIT {
    private MotoServer moto;

    @BeforeEach
    void connect(MotoServer server) {
        moto = server;
    }

    @Test
    void availableDriverVolumesWhosePersistentVolumeIsGoneAreLeftBehind() {
        SimulatedCluster cluster = SimulatedCluster.builder().startingAt(Instant.now().plus(Duration.ofHours(1))).build();
        try (BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(cluster)
                .workload(w -> w.kind(WorkloadKind.STATEFULSET).replicas(1)).deploy();
             AwsLookups lookups = moto.lookups().build()) {
            run.awaitReady();
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            String kept = driverVolume(8, run.claim().volumeName(), "default", run.claim().name());
            String gone = driverVolume(50, "pvc-gone-" + suffix, "default", "data-old-0");
            String otherNamespace = driverVolume(20, "pvc-other-" + suffix, "other", "data-0");
            String byHand = moto.ec2().createVolume(r -> r.availabilityZone("eu-west-2a").size(30).volumeType(VolumeType.GP3)
                    .tagSpecifications(t -> t.resourceType(ResourceType.VOLUME).tags(tag("Name", "scratch-" + suffix)))).volumeId();
            List<String> ours = List.of(kept, gone, otherNamespace, byHand);

            assertThat(lookups.cloudVolumeSource().availableDriverVolumes()).extracting(EbsVolumeView::volumeId)
                    .contains(kept, gone, otherNamespace).doesNotContain(byHand);

            StatefulStorageDoctor doctor = StatefulStorageDoctor.on(cluster).volumes(lookups.cloudVolumeSource());
            List<Finding> inDefault = leftBehind(doctor.examine("default"), ours);
            assertThat(inDefault).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
                assertThat(f.objects()).containsExactly("EBSVolume/" + gone);
                assertThat(f.cause()).startsWith("EBS volume " + gone + " (50 GiB gp3 in eu-west-2a) was created by the EBS CSI"
                        + " driver for PersistentVolume pvc-gone-" + suffix + " (claim default/data-old-0), which no longer exists");
                assertThat(f.evidence()).contains("no PersistentVolume pvc-gone-" + suffix + " and none with volumeHandle " + gone);
                assertThat(f.fix()).contains("aws ec2 delete-volume --volume-id " + gone);
            });
            assertThat(leftBehind(doctor.examineAllNamespaces(), ours)).extracting(f -> f.objects().get(0))
                    .containsExactlyInAnyOrder("EBSVolume/" + gone, "EBSVolume/" + otherNamespace);
        }
    }

    private static List<Finding> leftBehind(DoctorReport report, List<String> volumeIds) {
        return report.findings(DoctorChecks.LEFT_BEHIND_VOLUME).stream()
                .filter(f -> volumeIds.stream().anyMatch(id -> f.objects().contains("EBSVolume/" + id))).toList();
    }

    /** A volume tagged the way the EBS CSI driver (with the provisioner's --extra-create-metadata) tags it. */
    private String driverVolume(int sizeGiB, String persistentVolume, String namespace, String claim) {
        return moto.ec2().createVolume(r -> r.availabilityZone("eu-west-2a").size(sizeGiB).volumeType(VolumeType.GP3)
                .tagSpecifications(t -> t.resourceType(ResourceType.VOLUME).tags(
                        tag(EbsVolumeView.DRIVER_TAG, "true"), tag(EbsVolumeView.CSI_VOLUME_NAME, persistentVolume),
                        tag(EbsVolumeView.CREATED_FOR_PV, persistentVolume),
                        tag(EbsVolumeView.CREATED_FOR_CLAIM_NAMESPACE, namespace), tag(EbsVolumeView.CREATED_FOR_CLAIM, claim))))
                .volumeId();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
