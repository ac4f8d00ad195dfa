package io.statefulebs.blueprint.spec;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The StorageClass and claim of the blueprint. Defaults are the blueprint's {@code storage.yaml}: class
 * {@code storage-gp3} on {@code ebs.csi.aws.com}, gp3, claim {@code ebs-claim} of 4Gi, ReadWriteOnce.
 */
public final class StorageSpec {
    /** The EBS CSI driver's provisioner name, the default. */
    public static final String EBS_CSI_PROVISIONER = "ebs.csi.aws.com";
    /** The node label the EBS CSI driver reports a node's zone under, the default topology key. */
    public static final String EBS_CSI_TOPOLOGY_KEY = "topology.ebs.csi.aws.com/zone";

    private final String storageClassName;
    private final String provisioner;
    private final String topologyKey;
    private final VolumeType volumeType;
    private final Integer iops;
    private final Integer throughputMiBps;
    private final boolean encrypted;
    private final String kmsKeyId;
    private final String claimName;
    private final String size;
    private final AccessMode accessMode;

    private StorageSpec(Builder b) {
        storageClassName = b.storageClassName;
        provisioner = b.provisioner;
        topologyKey = b.topologyKey;
        volumeType = b.volumeType;
        iops = b.iops;
        throughputMiBps = b.throughputMiBps;
        encrypted = b.encrypted;
        kmsKeyId = b.kmsKeyId;
        claimName = b.claimName;
        size = b.size;
        accessMode = b.accessMode;
    }

    /** {@return a builder with the blueprint's defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the blueprint's StorageClass and claim} */
    public static StorageSpec defaults() {
        return builder().build();
    }

    /** {@return a builder holding this spec's values} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@return the StorageClass name} */
    public String storageClassName() {
        return storageClassName;
    }

    /** {@return the CSI driver the StorageClass provisions with} */
    public String provisioner() {
        return provisioner;
    }

    /** {@return the node label the StorageClass pins the zone with} */
    public String topologyKey() {
        return topologyKey;
    }

    /** {@return the EBS volume type} */
    public VolumeType volumeType() {
        return volumeType;
    }

    /** {@return the provisioned IOPS, when set} */
    public Optional<Integer> iops() {
        return Optional.ofNullable(iops);
    }

    /** {@return the gp3 throughput in MiB/s, when set} */
    public Optional<Integer> throughputMiBps() {
        return Optional.ofNullable(throughputMiBps);
    }

    /** {@return whether the volumes are encrypted} */
    public boolean encrypted() {
        return encrypted;
    }

    /** {@return the KMS key encrypting the volumes, when set} */
    public Optional<String> kmsKeyId() {
        return Optional.ofNullable(kmsKeyId);
    }

    /** {@return the claim name} */
    public String claimName() {
        return claimName;
    }

    /** {@return the claim size, as a Kubernetes quantity} */
    public String size() {
        return size;
    }

    /** {@return the claim's access mode} */
    public AccessMode accessMode() {
        return accessMode;
    }

    private void validate(SpecProblems problems) {
        String prefix = "";
        problems.dnsSubdomain(prefix + "storageClassName", storageClassName, 253);
        problems.dnsSubdomain(prefix + "provisioner", provisioner, 63);
        problems.labelKey(prefix + "topologyKey", topologyKey);
        problems.dnsSubdomain(prefix + "claimName", claimName, 253);
        problems.check(prefix + "volumeType", volumeType, volumeType != null, "choose one of gp3, gp2, io1, io2, st1, sc1");
        problems.check(prefix + "accessMode", accessMode, accessMode != null, "choose ReadWriteOnce or ReadWriteOncePod");
        Quantity quantity = problems.positiveQuantity(prefix + "size", size, "4Gi");
        if (volumeType == null) {
            return;
        }
        long gib = quantity == null ? -1 : quantity.gibibytesRoundedUp();
        if (quantity != null) {
            // Compared in bytes: "4" is 4 bytes, which rounding up to whole GiB would pass off as 1 GiB.
            boolean atLeastMinimum = quantity.amount().compareTo(BigDecimal.valueOf(volumeType.minGib()).multiply(BigDecimal.valueOf(1L << 30))) >= 0;
            problems.check(prefix + "size", size, atLeastMinimum && gib <= volumeType.maxGib(),
                    volumeType.parameterValue() + " volumes are " + volumeType.minGib() + " to " + volumeType.maxGib() + " GiB"
                            + (atLeastMinimum ? "" : "; a size without a unit is in bytes: write it with a unit, e.g. 4Gi"));
        }
        validateIops(prefix, problems, gib);
        validateThroughput(prefix, problems);
        problems.check(prefix + "kmsKeyId", kmsKeyId, kmsKeyId == null || (encrypted && !kmsKeyId.isBlank()),
                "a KMS key only applies to encrypted volumes: call encrypted(true), or drop kmsKeyId");
    }

    private void validateIops(String prefix, SpecProblems problems, long gib) {
        String field = prefix + "iops";
        if (!volumeType.iopsConfigurable()) {
            problems.check(field, iops, iops == null, volumeType.parameterValue() + " volumes take no IOPS setting: drop iops or use gp3, io1 or io2");
            return;
        }
        if (iops == null) {
            problems.check(field, null, !volumeType.iopsRequired(), volumeType.parameterValue() + " volumes need iops: set "
                    + volumeType.minIops() + " to " + volumeType.maxIops());
            return;
        }
        if (!problems.check(field, iops, iops >= volumeType.minIops() && iops <= volumeType.maxIops(),
                volumeType.parameterValue() + " iops must be " + volumeType.minIops() + " to " + volumeType.maxIops())) {
            return;
        }
        // gp3's 3000 IOPS baseline comes with any size; above it, and for io1/io2 always, the per-GiB ratio applies.
        boolean aboveBaseline = volumeType != VolumeType.GP3 || iops > volumeType.minIops();
        if (gib > 0 && aboveBaseline) {
            problems.check(field, iops, iops <= (long) volumeType.iopsPerGib() * gib,
                    volumeType.parameterValue() + " allows at most " + volumeType.iopsPerGib() + " IOPS per GiB: "
                            + gib + " GiB allows " + (long) volumeType.iopsPerGib() * gib + "; raise size or lower iops");
        }
    }

    private void validateThroughput(String prefix, SpecProblems problems) {
        String field = prefix + "throughputMiBps";
        if (throughputMiBps == null) {
            return;
        }
        if (!volumeType.throughputConfigurable()) {
            problems.add(field, throughputMiBps, "only gp3 volumes take a throughput setting: drop it or use gp3");
            return;
        }
        if (problems.check(field, throughputMiBps, throughputMiBps >= 125 && throughputMiBps <= 1000,
                "gp3 throughput must be 125 to 1000 MiB/s")) {
            int effectiveIops = iops == null ? volumeType.minIops() : iops;
            problems.check(field, throughputMiBps, throughputMiBps * 4L <= effectiveIops,
                    "gp3 allows at most 0.25 MiB/s per IOPS: " + effectiveIops + " IOPS allow " + effectiveIops / 4
                            + " MiB/s; raise iops or lower throughput");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StorageSpec s && storageClassName.equals(s.storageClassName) && provisioner.equals(s.provisioner)
                && topologyKey.equals(s.topologyKey) && volumeType == s.volumeType && Objects.equals(iops, s.iops)
                && Objects.equals(throughputMiBps, s.throughputMiBps) && encrypted == s.encrypted
                && Objects.equals(kmsKeyId, s.kmsKeyId) && claimName.equals(s.claimName) && size.equals(s.size)
                && accessMode == s.accessMode;
    }

    @Override
    public int hashCode() {
        return Objects.hash(storageClassName, provisioner, topologyKey, volumeType, iops, throughputMiBps, encrypted,
                kmsKeyId, claimName, size, accessMode);
    }

    @Override
    public String toString() {
        return "StorageSpec[class=" + storageClassName + ", provisioner=" + provisioner + ", type=" + volumeType.parameterValue()
                + iops().map(i -> ", iops=" + i).orElse("") + throughputMiBps().map(t -> ", throughput=" + t + "MiB/s").orElse("")
                + (encrypted ? ", encrypted" : "") + kmsKeyId().map(k -> ", kmsKeyId=" + k).orElse("")
                + ", claim=" + claimName + ", size=" + size + ", accessMode=" + accessMode.kubernetesName() + "]";
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private String storageClassName = "storage-gp3";
        private String provisioner = EBS_CSI_PROVISIONER;
        private String topologyKey = EBS_CSI_TOPOLOGY_KEY;
        private VolumeType volumeType = VolumeType.GP3;
        private Integer iops;
        private Integer throughputMiBps;
        private boolean encrypted;
        private String kmsKeyId;
        private String claimName = "ebs-claim";
        private String size = "4Gi";
        private AccessMode accessMode = AccessMode.READ_WRITE_ONCE;

        private Builder() {
        }

        private Builder(StorageSpec s) {
            storageClassName = s.storageClassName;
            provisioner = s.provisioner;
            topologyKey = s.topologyKey;
            volumeType = s.volumeType;
            iops = s.iops;
            throughputMiBps = s.throughputMiBps;
            encrypted = s.encrypted;
            kmsKeyId = s.kmsKeyId;
            claimName = s.claimName;
            size = s.size;
            accessMode = s.accessMode;
        }

        /**
         * Sets the StorageClass name ({@code storage-gp3} unless set).
         *
         * @param name a DNS subdomain
         * @return this builder
         */
        public Builder storageClassName(String name) {
            Objects.requireNonNull(name, "name");
            this.storageClassName = name;
            return this;
        }

        /**
         * The CSI driver; {@code ebs.csi.eks.amazonaws.com} on EKS Auto Mode.
         *
         * @param provisioner the CSI driver name
         * @return this builder
         */
        public Builder provisioner(String provisioner) {
            Objects.requireNonNull(provisioner, "provisioner");
            this.provisioner = provisioner;
            return this;
        }

        /**
         * The node label the StorageClass pins the zone with.
         *
         * @param key a label key
         * @return this builder
         */
        public Builder topologyKey(String key) {
            Objects.requireNonNull(key, "key");
            this.topologyKey = key;
            return this;
        }

        /**
         * Sets the EBS volume type (gp3 unless set).
         *
         * @param type the volume type
         * @return this builder
         */
        public Builder volumeType(VolumeType type) {
            Objects.requireNonNull(type, "type");
            this.volumeType = type;
            return this;
        }

        /**
         * Sets the provisioned IOPS, within the volume type's range; {@code null} for none.
         *
         * @param iops the IOPS, or {@code null}
         * @return this builder
         */
        public Builder iops(Integer iops) {
            this.iops = iops;
            return this;
        }

        /**
         * Sets the gp3 throughput, 125 to 1000 MiB/s; {@code null} for none.
         *
         * @param throughput MiB/s, or {@code null}
         * @return this builder
         */
        public Builder throughputMiBps(Integer throughput) {
            this.throughputMiBps = throughput;
            return this;
        }

        /**
         * Encrypts the volumes (off unless set).
         *
         * @param encrypted whether to encrypt
         * @return this builder
         */
        public Builder encrypted(boolean encrypted) {
            this.encrypted = encrypted;
            return this;
        }

        /**
         * Sets the KMS key for encrypted volumes; {@code null} for the default key.
         *
         * @param keyId the key id or ARN, or {@code null}
         * @return this builder
         */
        public Builder kmsKeyId(String keyId) {
            this.kmsKeyId = keyId;
            return this;
        }

        /**
         * Sets the claim name ({@code ebs-claim} unless set).
         *
         * @param name a DNS subdomain
         * @return this builder
         */
        public Builder claimName(String name) {
            Objects.requireNonNull(name, "name");
            this.claimName = name;
            return this;
        }

        /**
         * Claim size as a Kubernetes quantity, e.g. {@code 4Gi}.
         *
         * @param size the claim size
         * @return this builder
         */
        public Builder size(String size) {
            Objects.requireNonNull(size, "size");
            this.size = size;
            return this;
        }

        /**
         * Sets the access mode (ReadWriteOnce unless set).
         *
         * @param mode the access mode
         * @return this builder
         */
        public Builder accessMode(AccessMode mode) {
            Objects.requireNonNull(mode, "mode");
            this.accessMode = mode;
            return this;
        }

        /**
         * Validates the whole spec at once.
         *
         * @return the spec
         * @throws io.statefulebs.blueprint.error.InvalidSpecException listing every problem found
         */
        public StorageSpec build() {
            SpecProblems problems = new SpecProblems();
            StorageSpec spec = new StorageSpec(this);
            spec.validate(problems);
            problems.throwIfAny();
            return spec;
        }
    }
}
