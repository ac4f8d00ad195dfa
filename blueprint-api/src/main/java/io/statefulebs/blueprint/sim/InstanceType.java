package io.statefulebs.blueprint.sim;

import java.util.Comparator;
import java.util.List;

/** An EC2 instance type Karpenter may launch, with hourly prices used to pick the cheapest fit. */
record InstanceType(String name, int vcpus, int memoryGib, String category, String arch, double onDemandPrice,
                    double spotPrice) {
    static final List<InstanceType> CATALOG = List.of(
            new InstanceType("m5.large", 2, 8, "m", "amd64", 0.111, 0.030),
            new InstanceType("t3.xlarge", 4, 16, "t", "amd64", 0.1888, 0.036),
            new InstanceType("m7g.xlarge", 4, 16, "m", "arm64", 0.1856, 0.040),
            new InstanceType("c7g.xlarge", 4, 8, "c", "arm64", 0.1648, 0.044),
            new InstanceType("c6i.xlarge", 4, 8, "c", "amd64", 0.194, 0.061),
            new InstanceType("m5.xlarge", 4, 16, "m", "amd64", 0.222, 0.068),
            new InstanceType("r6i.xlarge", 4, 32, "r", "amd64", 0.296, 0.079),
            new InstanceType("m7g.2xlarge", 8, 32, "m", "arm64", 0.3712, 0.086),
            new InstanceType("c6i.2xlarge", 8, 16, "c", "amd64", 0.388, 0.118),
            new InstanceType("m7g.4xlarge", 16, 64, "m", "arm64", 0.7424, 0.177),
            new InstanceType("c6i.8xlarge", 32, 64, "c", "amd64", 1.552, 0.449),
            new InstanceType("m6i.12xlarge", 48, 192, "m", "amd64", 2.664, 0.741),
            new InstanceType("m7g.16xlarge", 64, 256, "m", "arm64", 2.9696, 0.853));

    /** CPU left for pods after Karpenter's kube-reserved formula and the blueprint's 100m system-reserved. */
    long allocatableMillis() {
        long reserved = 60 + (vcpus >= 2 ? 10 : 0) + 5L * Math.max(0, Math.min(vcpus, 4) - 2);
        reserved += (long) (2.5 * Math.max(0, vcpus - 4));
        return vcpus * 1000L - reserved - 100;
    }

    double price(String capacityType) {
        return capacityType.equals("spot") ? spotPrice : onDemandPrice;
    }

    static Comparator<InstanceType> bySize() {
        return Comparator.comparingInt(InstanceType::vcpus).thenComparingDouble(InstanceType::onDemandPrice);
    }
}
