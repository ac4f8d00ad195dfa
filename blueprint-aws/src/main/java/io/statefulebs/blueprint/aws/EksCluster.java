package io.statefulebs.blueprint.aws;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;

/** One named EKS cluster, looked up with DescribeCluster on every call (subnets and add-ons may change). */
final class EksCluster {
    private final EksClient eks;
    private final String name;

    EksCluster(EksClient eks, String name) {
        this.eks = eks;
        this.name = name;
    }

    String name() {
        return name;
    }

    Region region() {
        return eks.serviceClientConfiguration().region();
    }

    EksClient client() {
        return eks;
    }

    Cluster describe() {
        String operation = "describe EKS cluster " + name + " in " + region();
        return AwsCalls.required(operation, "EKS DescribeCluster", "cluster", AwsCalls.call(operation, "eks:DescribeCluster",
                "no EKS cluster named '" + name + "' in region " + region() + ": check the name and region with"
                        + " aws eks list-clusters --region " + region(),
                () -> eks.describeCluster(r -> r.name(name)).cluster()));
    }
}
