package io.statefulebs.blueprint.spec;

import java.util.Locale;

/**
 * EBS volume types the EBS CSI driver provisions, with the limits AWS documents for each. Sizes are in GiB,
 * IOPS limits are per volume, the ratio is the highest IOPS per provisioned GiB.
 */
public enum VolumeType {
    GP3(1, 16_384, 3_000, 16_000, 500, true),
    GP2(1, 16_384, 0, 0, 0, false),
    IO1(4, 16_384, 100, 64_000, 50, false),
    IO2(4, 65_536, 100, 256_000, 1_000, false),
    ST1(125, 16_384, 0, 0, 0, false),
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

    /** The value of the StorageClass {@code type} parameter. */
    public String parameterValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public long minGib() {
        return minGib;
    }

    public long maxGib() {
        return maxGib;
    }

    public boolean iopsConfigurable() {
        return maxIops > 0;
    }

    /** io1 and io2 have no baseline: the CSI driver needs an IOPS figure. */
    public boolean iopsRequired() {
        return this == IO1 || this == IO2;
    }

    public int minIops() {
        return minIops;
    }

    public int maxIops() {
        return maxIops;
    }

    public int iopsPerGib() {
        return iopsPerGib;
    }

    public boolean throughputConfigurable() {
        return throughputConfigurable;
    }
}
