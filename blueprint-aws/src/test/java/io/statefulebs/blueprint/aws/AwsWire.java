package io.statefulebs.blueprint.aws;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Collectors;

/** Response bodies in the services' real wire formats. */
final class AwsWire {
    static final String EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    static final String CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIBdummyCertificateBody\n-----END CERTIFICATE-----\n";

    private AwsWire() {
    }

    /** A {@code null} field is left out of the answer, as the EC2 API model allows for each of them. */
    record Zone(String name, String id, String state, String type, String optIn) {
        static Zone regular(String name, String id) {
            return new Zone(name, id, "available", "availability-zone", "opt-in-not-required");
        }
    }

    static String zones(Zone... zones) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeAvailabilityZonesResponse xmlns=\"" + EC2_NS + "\">"
                + "<requestId>req-zones</requestId><availabilityZoneInfo>"
                + Arrays.stream(zones).map(z -> "<item>" + element("zoneName", z.name()) + element("zoneState", z.state())
                        + "<regionName>" + FakeAws.REGION + "</regionName>" + element("zoneId", z.id())
                        + element("zoneType", z.type()) + element("optInStatus", z.optIn())
                        + "<groupName>" + FakeAws.REGION + "</groupName><messageSet/></item>").collect(Collectors.joining())
                + "</availabilityZoneInfo></DescribeAvailabilityZonesResponse>";
    }

    /** An XML element, or nothing for a field the answer leaves out. */
    private static String element(String name, String value) {
        return value == null ? "" : "<" + name + ">" + value + "</" + name + ">";
    }

    /** @param subnetAndZone pairs: subnet id, zone name ({@code null}: left out) */
    static String subnets(String... subnetAndZone) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < subnetAndZone.length; i += 2) {
            items.append("<item><subnetId>").append(subnetAndZone[i]).append("</subnetId><state>available</state>")
                    .append("<vpcId>vpc-1</vpcId>").append(element("availabilityZone", subnetAndZone[i + 1]))
                    .append("<cidrBlock>10.0.").append(i).append(".0/24</cidrBlock></item>");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeSubnetsResponse xmlns=\"" + EC2_NS + "\">"
                + "<requestId>req-subnets</requestId><subnetSet>" + items + "</subnetSet></DescribeSubnetsResponse>";
    }

    static String cluster(String name, boolean autoMode, String... subnetIds) {
        return "{\"cluster\":{\"name\":\"" + name + "\",\"arn\":\"arn:aws:eks:eu-west-2:111122223333:cluster/" + name
                + "\",\"status\":\"ACTIVE\",\"version\":\"1.33\",\"endpoint\":\"https://ABCDEF.gr7.eu-west-2.eks.amazonaws.com\""
                + ",\"certificateAuthority\":{\"data\":\"" + Base64.getEncoder().encodeToString(CA_PEM.getBytes(StandardCharsets.US_ASCII)) + "\"}"
                + ",\"resourcesVpcConfig\":{\"vpcId\":\"vpc-1\",\"subnetIds\":["
                + Arrays.stream(subnetIds).map(s -> "\"" + s + "\"").collect(Collectors.joining(",")) + "]}"
                + ",\"computeConfig\":{\"enabled\":" + autoMode + "}"
                + ",\"storageConfig\":{\"blockStorage\":{\"enabled\":" + autoMode + "}}}}";
    }

    static String creatingCluster(String name) {
        return "{\"cluster\":{\"name\":\"" + name + "\",\"status\":\"CREATING\",\"resourcesVpcConfig\":{\"subnetIds\":[]}}}";
    }

    static String outpostCluster(String name, String id) {
        return "{\"cluster\":{\"name\":\"" + name + "\",\"id\":\"" + id + "\",\"status\":\"ACTIVE\""
                + ",\"endpoint\":\"https://10.0.0.10\""
                + ",\"certificateAuthority\":{\"data\":\"" + Base64.getEncoder().encodeToString(CA_PEM.getBytes(StandardCharsets.US_ASCII)) + "\"}"
                + ",\"outpostConfig\":{\"outpostArns\":[\"arn:aws:outposts:eu-west-2:111122223333:outpost/op-1\"],"
                + "\"controlPlaneInstanceType\":\"m5.large\"}}}";
    }

    static String addon(String cluster, String status, String issueCode, String issueMessage) {
        return "{\"addon\":{\"addonName\":\"aws-ebs-csi-driver\",\"clusterName\":\"" + cluster + "\",\"status\":\"" + status
                + "\",\"addonVersion\":\"v1.44.0-eksbuild.1\",\"health\":{\"issues\":["
                + (issueCode == null ? "" : "{\"code\":\"" + issueCode + "\",\"message\":\"" + issueMessage + "\",\"resourceIds\":[]}")
                + "]}}}";
    }

    /** A {@code null} size is left out of the answer. @param tags key, value pairs */
    record Volume(String id, String zone, Integer size, String state, String created, String... tags) {
    }

    /** One page of DescribeVolumes; {@code nextToken} {@code null} on the last page. */
    static String volumes(String nextToken, Volume... volumes) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeVolumesResponse xmlns=\"" + EC2_NS + "\">"
                + "<requestId>req-volumes</requestId><volumeSet>"
                + Arrays.stream(volumes).map(v -> "<item><volumeId>" + v.id() + "</volumeId>" + element("size", v.size() == null ? null
                                : String.valueOf(v.size())) + "<snapshotId/><availabilityZone>" + v.zone() + "</availabilityZone>"
                        + "<status>" + v.state() + "</status><createTime>" + v.created() + "</createTime><attachmentSet/><tagSet>"
                        + tags(v.tags()) + "</tagSet><volumeType>gp3</volumeType><iops>3000</iops><encrypted>true</encrypted>"
                        + "<throughput>125</throughput></item>").collect(Collectors.joining())
                + "</volumeSet>" + element("nextToken", nextToken) + "</DescribeVolumesResponse>";
    }

    private static String tags(String... keyValues) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < keyValues.length; i += 2) {
            items.append("<item><key>").append(keyValues[i]).append("</key><value>").append(keyValues[i + 1]).append("</value></item>");
        }
        return items.toString();
    }
}
