package io.statefulebs.blueprint.aws;

import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.aws.FakeAws.Reply;
import io.statefulebs.blueprint.error.PreflightFailedException;
import io.statefulebs.blueprint.spec.StorageSpec;
import io.statefulebs.blueprint.spec.VolumeType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EbsCsiDriverStatusTest {
    private static final String CLUSTER = "GET /clusters/blueprints";
    private static final String ADDON = "GET /clusters/blueprints/addons/aws-ebs-csi-driver";

    private FakeAws aws;

    @BeforeEach
    void start() throws IOException {
        aws = new FakeAws();
        aws.on(CLUSTER, Reply.eks(AwsWire.cluster("blueprints", false, "subnet-1")));
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private EbsCsiDriverStatus status() {
        try (AwsLookups lookups = aws.lookups().clusterName("blueprints").build()) {
            return lookups.ebsCsiDriverStatus();
        }
    }

    @Test
    void activeAddonIsReadyWithTheSelfManagedProvisioner() {
        aws.on(ADDON, Reply.eks(AwsWire.addon("blueprints", "ACTIVE", null, null)));

        EbsCsiDriverStatus status = status();

        assertThat(status.autoMode()).isFalse();
        assertThat(status.addon()).hasValue(new EbsCsiDriverStatus.Addon("ACTIVE", "v1.44.0-eksbuild.1", java.util.List.of()));
        assertThat(status.ready()).isTrue();
        assertThat(status.requireReady()).isSameAs(status);
        assertThat(status.provisioner()).isEqualTo(StorageSpec.EBS_CSI_PROVISIONER);
        assertThat(status.topologyKey()).isEqualTo(StorageSpec.EBS_CSI_TOPOLOGY_KEY);
    }

    @Test
    void degradedAddonFailsPreflightWithItsIssuesAndWhereToLook() {
        aws.on(ADDON, Reply.eks(AwsWire.addon("blueprints", "DEGRADED", "InsufficientNumberOfReplicas",
                "The add-on is unhealthy because it doesn't have the desired number of replicas.")));

        EbsCsiDriverStatus status = status();

        assertThat(status.ready()).isFalse();
        assertThat(status.problems()).singleElement().asString()
                .contains("is DEGRADED", "InsufficientNumberOfReplicas: The add-on is unhealthy",
                        "aws eks describe-addon --cluster-name blueprints --addon-name aws-ebs-csi-driver");
        assertThatThrownBy(status::requireReady).isInstanceOfSatisfying(PreflightFailedException.class,
                e -> assertThat(e.findings()).isEqualTo(status.problems()));
    }

    @Test
    void missingAddonSaysHowToInstallItAndWhichRoleItNeeds() {
        aws.on(ADDON, Reply.eksError(404, "ResourceNotFoundException", "No addon: aws-ebs-csi-driver found in cluster: blueprints"));

        EbsCsiDriverStatus status = status();

        assertThat(status.addon()).isEmpty();
        assertThat(status.ready()).isFalse();
        assertThat(status.problems()).singleElement().asString()
                .contains("aws eks create-addon --cluster-name blueprints --addon-name aws-ebs-csi-driver",
                        "AmazonEBSCSIDriverPolicy", "EKS Auto Mode");
    }

    @Test
    void addonAnswerWithoutAStatusNamesTheMissingField() {
        aws.on(ADDON, Reply.eks("{\"addon\":{\"addonName\":\"aws-ebs-csi-driver\",\"clusterName\":\"blueprints\"}}"));

        assertThatThrownBy(this::status).isInstanceOf(AwsLookupException.class)
                .hasMessageContaining("EKS DescribeAddon answered without addon.status");
    }

    @Test
    void healthIssueWithoutACodeShowsItsMessageAlone() {
        aws.on(ADDON, Reply.eks("{\"addon\":{\"status\":\"DEGRADED\",\"health\":{\"issues\":[{\"message\":\"unhealthy\"}]}}}"));

        assertThat(status().addon()).hasValueSatisfying(a -> assertThat(a.issues()).containsExactly("unhealthy"));
    }

    @Test
    void autoModeUsesItsBuiltInDriverWithoutLookingForTheAddon() {
        aws.on(CLUSTER, Reply.eks(AwsWire.cluster("blueprints", true, "subnet-1")));

        EbsCsiDriverStatus status = status();

        assertThat(status.autoMode()).isTrue();
        assertThat(status.ready()).isTrue();
        assertThat(status.provisioner()).isEqualTo("ebs.csi.eks.amazonaws.com");
        assertThat(aws.requests(ADDON)).isEmpty();
    }

    @Test
    void applyToSwitchesOnlyTheProvisionerAndTopologyKeyToTheClustersDriver() {
        aws.on(CLUSTER, Reply.eks(AwsWire.cluster("blueprints", true, "subnet-1")));
        StatefulEbsBlueprint blueprint = StatefulEbsBlueprint.builder().zone("eu-west-2a").runId("run-1")
                .storage(s -> s.volumeType(VolumeType.IO2).iops(4000).size("20Gi")).build();

        StatefulEbsBlueprint adjusted = status().applyTo(blueprint);

        assertThat(adjusted.storage().provisioner()).isEqualTo("ebs.csi.eks.amazonaws.com");
        assertThat(adjusted.storage().topologyKey()).isEqualTo("topology.kubernetes.io/zone");
        assertThat(adjusted.storage().toBuilder().provisioner(StorageSpec.EBS_CSI_PROVISIONER)
                .topologyKey(StorageSpec.EBS_CSI_TOPOLOGY_KEY).build()).isEqualTo(blueprint.storage());
        assertThat(adjusted.toBuilder().storage(blueprint.storage()).build()).isEqualTo(blueprint);
    }

    @Test
    void deniedAddonLookupNamesEksDescribeAddon() {
        aws.on(ADDON, Reply.eksError(403, "AccessDeniedException", "not authorized to perform: eks:DescribeAddon"));

        try (AwsLookups lookups = aws.lookups().clusterName("blueprints").build()) {
            assertThatThrownBy(lookups::ebsCsiDriverStatus)
                    .isInstanceOfSatisfying(AwsLookupException.class, e -> assertThat(e.iamAction()).contains("eks:DescribeAddon"))
                    .hasMessageContaining("grant the IAM action eks:DescribeAddon");
        }
    }
}
