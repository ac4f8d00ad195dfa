package io.statefulebs.blueprint.spec;

import java.util.Locale;

/**
 * EBS volume types the EBS CSI driver provisions, with the limits AWS documents for each. Sizes are in GiB,
 * IOPS limits are per volume, the ratio is the highest IOPS per provisioned GiB.
 */
public enum VolumeType {
    /** General purpose SSD, 3000 IOPS and 125 MiB/s baseline, IOPS and throughput configurable. */
    GP3(1, 16_384, 3_000, 16_000, 500, true),
    /** General purpose SSD of the previous generation; IOPS scale with size. */
    GP2(1, 16_384, 0, 0, 0, false),
    /** Provisioned IOPS SSD. */
    IO1(4, 16_384, 100, 64_000, 50, false),
    /** Provisioned IOPS SSD, higher durability and limits. */
    IO2(4, 65_536, 100, 256_000, 1_000, false),
    /** Throughput optimized HDD. */
    ST1(125, 16_384, 0, 0, 0, false),
    /** Cold HDD. */
    SC1(125, 16_384, 0, 0, 0, false);

    private final long minGib;
    private final long maxGib;
    private final int minIops;
    private final int maxIops;
    private final int iopsPerGib;
    private final boolean throughputConfigurable;

    VolumeType(long minGib, long maxGib, int minIops, int maxIops, int iopsPerGib, boolean throughputConfigurable) {
        this.minGib = minGib;
        this.maxGib = maxGib;
        this.minIops = minIops;
        this.maxIops = maxIops;
        this.iopsPerGib = iopsPerGib;
        this.throughputConfigurable = throughputConfigurable;
    }

    /** {@return the value of the StorageClass {@code type} parameter} */
    public String parameterValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@return the smallest volume size in GiB} */
    public long minGib() {
        return minGib;
    }

    /** {@return the largest volume size in GiB} */
    public long maxGib() {
        return maxGib;
    }

    /** {@return whether the StorageClass may set IOPS} */
    public boolean iopsConfigurable() {
        return maxIops > 0;
    }

    /**
     * io1 and io2 have no baseline: the CSI driver needs an IOPS figure.
     *
     * @return whether an IOPS figure is required
     */
    public boolean iopsRequired() {
        return this == IO1 || this == IO2;
    }

    /** {@return the least IOPS that may be set; gp3's baseline} */
    public int minIops() {
        return minIops;
    }

    /** {@return the most IOPS that may be set} */
    public int maxIops() {
        return maxIops;
    }

    /** {@return the most IOPS per provisioned GiB} */
    public int iopsPerGib() {
        return iopsPerGib;
    }

    /** {@return whether the StorageClass may set throughput (gp3 only)} */
    public boolean throughputConfigurable() {
        return throughputConfigurable;
    }
}
