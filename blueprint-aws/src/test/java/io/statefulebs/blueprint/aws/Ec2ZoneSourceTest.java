package io.statefulebs.blueprint.aws;

import io.statefulebs.blueprint.Zones;
import io.statefulebs.blueprint.aws.AwsWire.Zone;
import io.statefulebs.blueprint.aws.FakeAws.Reply;
import io.statefulebs.blueprint.error.NotFoundException;
import io.statefulebs.blueprint.error.PreflightFailedException;
import io.statefulebs.blueprint.view.AvailabilityZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Ec2ZoneSourceTest {
    private static final String ZONES = "ec2:DescribeAvailabilityZones";
    private static final String SUBNETS = "ec2:DescribeSubnets";
    private static final String CLUSTER = "GET /clusters/blueprints";

    private FakeAws aws;

    @BeforeEach
    void start() throws IOException {
        aws = new FakeAws();
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void asksEc2ForAvailableOptedInRegularZonesOnly() {
        aws.on(ZONES, Reply.ec2(AwsWire.zones(Zone.regular("eu-west-2a", "euw2-az2"))));

        try (AwsLookups lookups = aws.lookups().build()) {
            lookups.zoneSource().availableZones();
        }

        assertThat(aws.requests(ZONES)).singleElement().satisfies(r -> assertThat(r.form())
                .containsEntry("Action", "DescribeAvailabilityZones")
                .containsEntry("Filter.1.Name", "state").containsEntry("Filter.1.Value.1", "available")
                .containsEntry("Filter.2.Name", "zone-type").containsEntry("Filter.2.Value.1", "availability-zone")
                .containsEntry("Filter.3.Name", "opt-in-status").containsEntry("Filter.3.Value.1", "opt-in-not-required")
                .containsEntry("Filter.3.Value.2", "opted-in"));
    }

    @Test
    void sortsByNameAndDropsZonesThatCannotRunTheBlueprintEvenIfEc2ReturnsThem() {
        aws.on(ZONES, Reply.ec2(AwsWire.zones(
                Zone.regular("eu-west-2c", "euw2-az1"),
                new Zone("eu-west-2-lon-1a", "euw2-lon1-az1", "available", "local-zone", "opted-in"),
                Zone.regular("eu-west-2a", "euw2-az2"),
                new Zone("eu-west-2b", "euw2-az3", "impaired", "availability-zone", "opt-in-not-required"),
                new Zone("eu-west-2d", "euw2-az4", "available", "availability-zone", "not-opted-in"))));

        List<AvailabilityZone> zones;
        try (AwsLookups lookups = aws.lookups().build()) {
            zones = lookups.zoneSource().availableZones();
        }

        assertThat(zones).containsExactly(new AvailabilityZone("eu-west-2a", "euw2-az2", "eu-west-2"),
                new AvailabilityZone("eu-west-2c", "euw2-az1", "eu-west-2"));
        assertThat(Zones.firstAvailable().choose(zones)).isEqualTo("eu-west-2a");
    }

    @Test
    void zoneWithoutOptInStatusNeedsNoOptInAndOneWithoutTypeIsARegularZone() {
        aws.on(ZONES, Reply.ec2(AwsWire.zones(
                new Zone("eu-west-2b", "euw2-az3", "available", "availability-zone", null),
                new Zone("eu-west-2a", "euw2-az2", "available", null, "opt-in-not-required"))));

        try (AwsLookups lookups = aws.lookups().build()) {
            assertThat(lookups.zoneSource().availableZones()).extracting(AvailabilityZone::name)
                    .containsExactly("eu-west-2a", "eu-west-2b");
        }
    }

    @Test
    void zoneWithoutANameOrStateIsAnAwsLookupExceptionNamingTheCallAndTheField() {
        aws.on(ZONES, Reply.ec2(AwsWire.zones(new Zone(null, "euw2-az2", "available", "availability-zone", null))),
                Reply.ec2(AwsWire.zones(new Zone("eu-west-2a", "euw2-az2", null, "availability-zone", null))));

        try (AwsLookups lookups = aws.lookups().build()) {
            assertThatThrownBy(() -> lookups.zoneSource().availableZones())
                    .isInstanceOfSatisfying(AwsLookupException.class,
                            e -> assertThat(e.operation()).isEqualTo("describe availability zones in eu-west-2"))
                    .hasMessageContaining("EC2 DescribeAvailabilityZones answered without availabilityZones[].zoneName");
            assertThatThrownBy(() -> lookups.zoneSource().availableZones()).isInstanceOf(AwsLookupException.class)
                    .hasMessageContaining("EC2 DescribeAvailabilityZones answered without availabilityZones[].state");
        }
    }

    @Test
    void subnetWithoutAZoneIsAnAwsLookupExceptionNamingTheSubnet() {
        aws.on(ZONES, Reply.ec2(AwsWire.zones(Zone.regular("eu-west-2a", "euw2-az2"))))
                .on(CLUSTER, Reply.eks(AwsWire.cluster("blueprints", false, "subnet-1", "subnet-2")))
                .on(SUBNETS, Reply.ec2(AwsWire.subnets("subnet-1", "eu-west-2a", "subnet-2", null)));

        try (AwsLookups lookups = aws.lookups().clusterName("blueprints").build()) {
            assertThatThrownBy(() -> lookups.zoneSource().availableZones())
                    .isInstanceOfSatisfying(AwsLookupException.class,
                            e -> assertThat(e.operation()).isEqualTo("describe the subnets of EKS cluster blueprints"))
                    .hasMessageContaining("EC2 DescribeSubnets answered without subnets[].availabilityZone (subnet subnet-2)");
        }
    }

    @Test
    void withAClusterOnlyZonesWhereItHasSubnetsAreEligible() {
        aws.on(ZONES, Reply.ec2(AwsWire.zones(Zone.regular("eu-west-2a", "euw2-az2"),
                        Zone.regular("eu-west-2b", "euw2-az3"), Zone.regular("eu-west-2c", "euw2-az1"))))
                .on(CLUSTER, Reply.eks(AwsWire.cluster("blueprints", false, "subnet-1", "subnet-2")))
                .on(SUBNETS, Reply.ec2(AwsWire.subnets("subnet-1", "eu-west-2c", "subnet-2", "eu-west-2b")));

        List<AvailabilityZone> zones;
        try (AwsLookups lookups = aws.lookups().clusterName("blueprints").build()) {
            zones = lookups.zoneSource().availableZones();
        }

        assertThat(zones).extracting(AvailabilityZone::name).containsExactly("eu-west-2b", "eu-west-2c");
        assertThat(aws.requests(SUBNETS)).singleElement().satisfies(r -> assertThat(r.form())
                .containsEntry("SubnetId.1", "subnet-1").containsEntry("SubnetId.2", "subnet-2"));
    }

    @Test
    void clusterWithSubnetsOnlyInUnavailableZonesFailsPreflightNamingThem() {
        aws.on(ZONES, Reply.ec2(AwsWire.zones(Zone.regular("eu-west-2a", "euw2-az2"))))
                .on(CLUSTER, Reply.eks(AwsWire.cluster("blueprints", false, "subnet-1")))
                .on(SUBNETS, Reply.ec2(AwsWire.subnets("subnet-1", "eu-west-2b")));

        try (AwsLookups lookups = aws.lookups().clusterName("blueprints").build()) {
            assertThatThrownBy(() -> lookups.zoneSource().availableZones())
                    .isInstanceOf(PreflightFailedException.class)
                    .hasMessageContaining("blueprints has subnets only in [eu-west-2b]")
                    .hasMessageContaining("[eu-west-2a]");
        }
    }

    @Test
    void regionWithoutEligibleZonesFailsPreflightNamingTheRegion() {
        aws.on(ZONES, Reply.ec2(AwsWire.zones()));

        try (AwsLookups lookups = aws.lookups().build()) {
            assertThatThrownBy(() -> lookups.zoneSource().availableZones())
                    .isInstanceOf(PreflightFailedException.class)
                    .hasMessageContaining("region eu-west-2 has no available, opted-in availability zone");
        }
    }

    @Test
    void unauthorizedOperationNamesTheMissingIamAction() {
        aws.on(ZONES, Reply.ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation."));

        try (AwsLookups lookups = aws.lookups().build()) {
            assertThatThrownBy(() -> lookups.zoneSource().availableZones())
                    .isInstanceOfSatisfying(AwsLookupException.class, e -> {
                        assertThat(e.iamAction()).contains("ec2:DescribeAvailabilityZones");
                        assertThat(e.errorCode()).contains("UnauthorizedOperation");
                        assertThat(e.operation()).isEqualTo("describe availability zones in eu-west-2");
                        assertThat(e.getCause()).isInstanceOf(software.amazon.awssdk.services.ec2.model.Ec2Exception.class);
                    })
                    .hasMessageContaining("grant the IAM action ec2:DescribeAvailabilityZones");
        }
    }

    @Test
    void deniedSubnetLookupNamesItsOwnAction() {
        aws.on(ZONES, Reply.ec2(AwsWire.zones(Zone.regular("eu-west-2a", "euw2-az2"))))
                .on(CLUSTER, Reply.eks(AwsWire.cluster("blueprints", false, "subnet-1")))
                .on(SUBNETS, Reply.ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation."));

        try (AwsLookups lookups = aws.lookups().clusterName("blueprints").build()) {
            assertThatThrownBy(() -> lookups.zoneSource().availableZones())
                    .isInstanceOfSatisfying(AwsLookupException.class,
                            e -> assertThat(e.iamAction()).contains("ec2:DescribeSubnets"));
        }
    }

    @Test
    void deniedClusterLookupNamesEksDescribeCluster() {
        aws.on(ZONES, Reply.ec2(AwsWire.zones(Zone.regular("eu-west-2a", "euw2-az2"))))
                .on(CLUSTER, Reply.eksError(403, "AccessDeniedException", "User is not authorized to perform eks:DescribeCluster"));

        try (AwsLookups lookups = aws.lookups().clusterName("blueprints").build()) {
            assertThatThrownBy(() -> lookups.zoneSource().availableZones())
                    .isInstanceOfSatisfying(AwsLookupException.class, e -> {
                        assertThat(e.iamAction()).contains("eks:DescribeCluster");
                        assertThat(e.errorCode()).contains("AccessDeniedException");
                    })
                    .hasMessageContaining("grant the IAM action eks:DescribeCluster");
        }
    }

    @Test
    void unknownClusterSaysWhereItLookedAndHowToList() {
        aws.on(ZONES, Reply.ec2(AwsWire.zones(Zone.regular("eu-west-2a", "euw2-az2"))))
                .on(CLUSTER, Reply.eksError(404, "ResourceNotFoundException", "No cluster found for name: blueprints."));

        try (AwsLookups lookups = aws.lookups().clusterName("blueprints").build()) {
            assertThatThrownBy(() -> lookups.zoneSource().availableZones())
                    .isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("no EKS cluster named 'blueprints' in region eu-west-2")
                    .hasMessageContaining("aws eks list-clusters --region eu-west-2");
        }
    }

    @Test
    void throttlingIsRetriedByTheSdk() {
        aws.on(ZONES, Reply.ec2Error(400, "Throttling", "Rate exceeded"),
                Reply.ec2(AwsWire.zones(Zone.regular("eu-west-2a", "euw2-az2"))));

        try (AwsLookups lookups = aws.lookups().build()) {
            assertThat(lookups.zoneSource().availableZones()).extracting(AvailabilityZone::name).containsExactly("eu-west-2a");
        }
        assertThat(aws.requests(ZONES)).hasSize(2);
    }

    @Test
    void serverErrorIsRetriedByTheSdk() {
        aws.on(ZONES, Reply.ec2Error(503, "Unavailable", "The service is unavailable. Please try again shortly."),
                Reply.ec2(AwsWire.zones(Zone.regular("eu-west-2a", "euw2-az2"))));

        try (AwsLookups lookups = aws.lookups().build()) {
            assertThat(lookups.zoneSource().availableZones()).extracting(AvailabilityZone::name).containsExactly("eu-west-2a");
        }
        assertThat(aws.requests(ZONES)).hasSize(2);
    }

    @Test
    void expiredCredentialsSayToRefreshThem() {
        aws.on(ZONES, Reply.ec2Error(400, "RequestExpired", "Request has expired."));

        try (AwsLookups lookups = aws.lookups().build()) {
            assertThatThrownBy(() -> lookups.zoneSource().availableZones())
                    .isInstanceOfSatisfying(AwsLookupException.class, e -> assertThat(e.errorCode()).contains("RequestExpired"))
                    .hasMessageContaining("AWS rejected the credentials (RequestExpired): refresh or replace them");
        }
    }

    @Test
    void persistentThrottlingGivesUpAfterTheStandardStrategysThreeAttempts() {
        aws.on(ZONES, Reply.ec2Error(400, "Throttling", "Rate exceeded"));

        try (AwsLookups lookups = aws.lookups().build()) {
            assertThatThrownBy(() -> lookups.zoneSource().availableZones())
                    .isInstanceOfSatisfying(AwsLookupException.class, e -> assertThat(e.errorCode()).contains("Throttling"))
                    .hasMessageContaining("still throttled");
        }
        assertThat(aws.requests(ZONES)).hasSize(3);
    }
}
