package io.statefulebs.blueprint.aws;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.DeployOptions;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.Zones;
import io.statefulebs.blueprint.error.NotFoundException;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import io.statefulebs.blueprint.view.AvailabilityZone;
import io.statefulebs.blueprint.view.NodeView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.eks.model.Cluster;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lookups against moto's EC2 and EKS, with state made through moto's own API. What moto cannot answer
 * (add-ons, a parseable CA, zone states and opt-in, injected faults) stays on {@link FakeAws}.
 */
@ExtendWith(MotoServer.Tier.class)
class AwsLookupsMotoIT {
    private MotoServer moto;

    @BeforeEach
    void connect(MotoServer server) {
        moto = server;
    }

    @Test
    void regionZonesAreEc2sZonesThoughMotoSendsNoOptInStatus() {
        List<software.amazon.awssdk.services.ec2.model.AvailabilityZone> raw =
                moto.ec2().describeAvailabilityZones().availabilityZones();
        assertThat(raw).as("the premise: moto leaves optInStatus out").isNotEmpty()
                .allSatisfy(z -> assertThat(z.optInStatusAsString()).isNull());

        try (AwsLookups lookups = moto.lookups().build()) {
            assertThat(lookups.zoneSource().availableZones()).containsExactly(
                    new AvailabilityZone("eu-west-2a", "euw2-az2", "eu-west-2"),
                    new AvailabilityZone("eu-west-2b", "euw2-az3", "eu-west-2"),
                    new AvailabilityZone("eu-west-2c", "euw2-az1", "eu-west-2"));
        }
    }

    @Test
    void clusterZonesAreOnlyThoseWhereTheClusterHasSubnets() {
        String vpc = vpc();
        subnet(vpc, "eu-west-2a", 1); // in the VPC but not the cluster's
        cluster("zones", subnet(vpc, "eu-west-2c", 2), subnet(vpc, "eu-west-2b", 3));

        try (AwsLookups lookups = moto.lookups().clusterName("zones").build()) {
            assertThat(lookups.zoneSource().availableZones()).extracting(AvailabilityZone::name)
                    .containsExactly("eu-west-2b", "eu-west-2c");
        }
    }

    @Test
    void firstAvailableDeploysTheSimulatedClusterWhereTheEksClusterHasSubnets() {
        String vpc = vpc();
        cluster("deploy", subnet(vpc, "eu-west-2c", 1), subnet(vpc, "eu-west-2b", 2));

        try (AwsLookups lookups = moto.lookups().clusterName("deploy").build();
             BlueprintRun run = StatefulEbsBlueprint.builder().zone(Zones.firstAvailable()).build()
                     .deploy(DeployOptions.builder().zoneSource(lookups.zoneSource()).backend(new SimulatedCluster()).build())) {
            run.awaitReady(Duration.ofMinutes(5));

            assertThat(run.zone()).isEqualTo("eu-west-2b");
            assertThat(run.claim().zone()).isEqualTo("eu-west-2b");
            assertThat(run.workloadNodes()).isNotEmpty().extracting(NodeView::zone).containsOnly("eu-west-2b");
        }
    }

    @Test
    void clusterThatDoesNotExistIsNotFoundWithMotosOwnMessage() {
        try (AwsLookups lookups = moto.lookups().clusterName("missing").build()) {
            assertThatThrownBy(() -> lookups.zoneSource().availableZones())
                    .isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("no EKS cluster named 'missing' in region eu-west-2")
                    .hasMessageContaining("(AWS: No cluster found for name: missing.)");
        }
    }

    @Test
    void describeClusterHasTheFieldsAConnectionNeedsButACaThatIsNoCertificate() {
        String vpc = vpc();
        String subnet = subnet(vpc, "eu-west-2a", 1);
        cluster("connect", subnet);

        Cluster described = moto.eks().describeCluster(r -> r.name("connect")).cluster();
        assertThat(described.statusAsString()).isEqualTo("ACTIVE");
        assertThat(described.endpoint()).startsWith("https://").contains(".eu-west-2.eks.amazonaws.com");
        assertThat(described.resourcesVpcConfig().subnetIds()).containsExactly(subnet);
        assertThat(described.certificateAuthority().data()).isNotBlank();
        assertThat(described.outpostConfig()).isNull();
        assertThat(described.storageConfig()).isNull();

        try (AwsLookups lookups = moto.lookups().clusterName("connect").build()) {
            assertThatThrownBy(lookups::clusterConnection).isInstanceOf(AwsLookupException.class)
                    .hasMessageContaining("connect to EKS cluster connect: the cluster's certificateAuthority.data is not"
                            + " a base64 PEM certificate");
        }
    }

    private String vpc() {
        return moto.ec2().createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    }

    private String subnet(String vpc, String zone, int index) {
        return moto.ec2().createSubnet(r -> r.vpcId(vpc).availabilityZone(zone).cidrBlock("10.0." + index + ".0/24"))
                .subnet().subnetId();
    }

    private void cluster(String name, String... subnetIds) {
        moto.eks().createCluster(r -> r.name(name).roleArn("arn:aws:iam::123456789012:role/eks-cluster")
                .resourcesVpcConfig(v -> v.subnetIds(subnetIds)));
    }
}
