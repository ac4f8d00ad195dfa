package io.statefulebs.blueprint.aws;

import io.statefulebs.blueprint.error.PreflightFailedException;
import io.statefulebs.blueprint.spi.ZoneSource;
import io.statefulebs.blueprint.view.AvailabilityZone;
import io.statefulebs.blueprint.view.Finding;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.eks.model.VpcConfigResponse;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Zones from EC2 DescribeAvailabilityZones, like the walkthrough's {@code AvailabilityZones[0]}, but only
 * available, opted-in, regular zones (no Local or Wavelength zones), and, for a cluster, only zones where it has
 * subnets. The rules go to EC2 as filters and are checked again on the answer, where a zone without
 * {@code optInStatus} needs no opt-in and one without {@code zoneType} is a regular zone (both are optional in the
 * EC2 API; the type predates Local Zones). A zone without a name or state, or a subnet without a zone, is an
 * {@link AwsLookupException}.
 */
final class Ec2ZoneSource implements ZoneSource {
    private static final String AVAILABLE = "available";
    private static final String REGULAR_ZONE = "availability-zone";
    private static final String NO_OPT_IN = "opt-in-not-required";
    private static final List<String> USABLE_OPT_IN = List.of(NO_OPT_IN, "opted-in");
    private static final String DESCRIBE_ZONES = "EC2 DescribeAvailabilityZones";

    private final Ec2Client ec2;
    private final EksCluster cluster;

    /** @param cluster the cluster whose subnets limit the zones, or {@code null} for every zone of the region */
    Ec2ZoneSource(Ec2Client ec2, EksCluster cluster) {
        this.ec2 = ec2;
        this.cluster = cluster;
    }

    @Override
    public List<AvailabilityZone> availableZones() {
        String region = String.valueOf(ec2.serviceClientConfiguration().region());
        String operation = "describe availability zones in " + region;
        List<AvailabilityZone> zones = AwsCalls.call(operation, "ec2:DescribeAvailabilityZones", null,
                () -> ec2.describeAvailabilityZones(r -> r.filters(
                        filter("state", List.of(AVAILABLE)),
                        filter("zone-type", List.of(REGULAR_ZONE)),
                        filter("opt-in-status", USABLE_OPT_IN))).availabilityZones())
                .stream()
                .filter(z -> AVAILABLE.equals(AwsCalls.required(operation, DESCRIBE_ZONES, "availabilityZones[].state",
                                z.stateAsString()))
                        && REGULAR_ZONE.equals(Objects.requireNonNullElse(z.zoneType(), REGULAR_ZONE))
                        && USABLE_OPT_IN.contains(Objects.requireNonNullElse(z.optInStatusAsString(), NO_OPT_IN)))
                .map(z -> new AvailabilityZone(
                        AwsCalls.required(operation, DESCRIBE_ZONES, "availabilityZones[].zoneName", z.zoneName()),
                        z.zoneId(), Objects.requireNonNullElse(z.regionName(), region)))
                .sorted(Comparator.comparing(AvailabilityZone::name))
                .collect(Collectors.toList());
        if (zones.isEmpty()) {
            throw new PreflightFailedException(List.of(Finding.error("zone-source", "", "zone: region " + region
                    + " has no available, opted-in availability zone (Local and Wavelength zones do not count)", "check the region")));
        }
        if (cluster == null) {
            return List.copyOf(zones);
        }
        Set<String> clusterZones = clusterSubnetZones();
        List<AvailabilityZone> eligible = zones.stream().filter(z -> clusterZones.contains(z.name())).toList();
        if (eligible.isEmpty()) {
            throw new PreflightFailedException(List.of(Finding.error("zone-source", "", "zone: EKS cluster " + cluster.name()
                    + (clusterZones.isEmpty() ? " lists no subnets" : " has subnets only in " + clusterZones)
                    + ", and none of them is an available zone of " + region + " ("
                    + zones.stream().map(AvailabilityZone::name).toList() + ")", "add subnets to the cluster or name a zone")));
        }
        return eligible;
    }

    @Override
    public String description() {
        return "EC2 in " + ec2.serviceClientConfiguration().region()
                + (cluster == null ? "" : ", zones with subnets of EKS cluster " + cluster.name());
    }

    private Set<String> clusterSubnetZones() {
        VpcConfigResponse vpc = cluster.describe().resourcesVpcConfig();
        List<String> subnetIds = vpc == null ? List.of() : vpc.subnetIds();
        if (subnetIds.isEmpty()) {
            return Set.of();
        }
        String operation = "describe the subnets of EKS cluster " + cluster.name();
        return AwsCalls.call(operation, "ec2:DescribeSubnets", null,
                        () -> ec2.describeSubnets(r -> r.subnetIds(subnetIds)).subnets())
                .stream().map(s -> AwsCalls.required(operation, "EC2 DescribeSubnets", "subnets[].availabilityZone"
                        + (s.subnetId() == null ? "" : " (subnet " + s.subnetId() + ")"), s.availabilityZone()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Filter filter(String name, List<String> values) {
        return Filter.builder().name(name).values(values).build();
    }

    @Override
    public String toString() {
        return "Ec2ZoneSource[region=" + ec2.serviceClientConfiguration().region()
                + (cluster == null ? "" : ", cluster=" + cluster.name()) + "]";
    }
}
