package io.statefulebs.blueprint.aws;

import io.statefulebs.blueprint.spi.CloudVolumeSource;
import io.statefulebs.blueprint.view.EbsVolumeView;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Volume;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The EBS volumes of the region that the EBS CSI driver created ({@value EbsVolumeView#DRIVER_TAG}{@code =true}) and
 * that are attached to nothing (state {@code available}), from EC2 DescribeVolumes, every page. The rules go to EC2 as
 * filters and are checked again on the answer. With a cluster, volumes whose {@code kubernetes.io/cluster/<name>} tag
 * (the driver's {@code --k8s-tag-cluster-id}) names another cluster are left out; volumes without such a tag stay, as
 * nothing tells whose they are.
 */
final class Ec2CloudVolumeSource implements CloudVolumeSource {
    private static final String CLUSTER_TAG_PREFIX = "kubernetes.io/cluster/";
    private static final String DESCRIBE_VOLUMES = "EC2 DescribeVolumes";

    private final Ec2Client ec2;
    private final String clusterName;

    /** @param clusterName the cluster whose volumes are wanted, or {@code null} when unknown */
    Ec2CloudVolumeSource(Ec2Client ec2, String clusterName) {
        this.ec2 = ec2;
        this.clusterName = clusterName;
    }

    @Override
    public List<EbsVolumeView> availableDriverVolumes() {
        String operation = "describe the available EBS CSI driver volumes in " + ec2.serviceClientConfiguration().region();
        List<Volume> volumes = AwsCalls.call(operation, "ec2:DescribeVolumes", null, () -> ec2.describeVolumesPaginator(r -> r.filters(
                Filter.builder().name("status").values("available").build(),
                Filter.builder().name("tag:" + EbsVolumeView.DRIVER_TAG).values("true").build())).volumes().stream().toList());
        return volumes.stream().map(v -> view(operation, v))
                .filter(v -> v.available() && v.createdByCsiDriver() && ofThisCluster(v)).toList();
    }

    private boolean ofThisCluster(EbsVolumeView volume) {
        return clusterName == null || volume.tags().keySet().stream()
                .noneMatch(k -> k.startsWith(CLUSTER_TAG_PREFIX) && !k.equals(CLUSTER_TAG_PREFIX + clusterName));
    }

    private static EbsVolumeView view(String operation, Volume v) {
        String id = AwsCalls.required(operation, DESCRIBE_VOLUMES, "volumes[].volumeId", v.volumeId());
        String field = "volumes[]." + "%s (volume " + id + ")";
        Map<String, String> tags = v.tags().stream().filter(t -> t.key() != null)
                .collect(Collectors.toMap(Tag::key, t -> t.value() == null ? "" : t.value(), (a, b) -> b));
        return new EbsVolumeView(id,
                AwsCalls.required(operation, DESCRIBE_VOLUMES, field.formatted("availabilityZone"), v.availabilityZone()),
                AwsCalls.required(operation, DESCRIBE_VOLUMES, field.formatted("size"), v.size()),
                AwsCalls.required(operation, DESCRIBE_VOLUMES, field.formatted("volumeType"), v.volumeTypeAsString()),
                AwsCalls.required(operation, DESCRIBE_VOLUMES, field.formatted("state"), v.stateAsString()),
                AwsCalls.required(operation, DESCRIBE_VOLUMES, field.formatted("createTime"), v.createTime()), tags);
    }

    @Override
    public String toString() {
        return "Ec2CloudVolumeSource[region=" + ec2.serviceClientConfiguration().region()
                + (clusterName == null ? "" : ", cluster=" + clusterName) + "]";
    }
}
