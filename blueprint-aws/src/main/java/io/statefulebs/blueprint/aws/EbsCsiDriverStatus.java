package io.statefulebs.blueprint.aws;

import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.error.PreflightFailedException;
import io.statefulebs.blueprint.spec.StorageSpec;
import io.statefulebs.blueprint.view.Finding;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which EBS CSI driver a cluster runs: EKS Auto Mode's built-in one, or the {@value #ADDON_NAME} add-on (and its
 * state). Says what to fix when neither can provision volumes, and adapts a blueprint's StorageClass to the driver.
 *
 * @param autoMode whether EKS Auto Mode block storage is enabled; the add-on is then not looked up
 * @param addon    the add-on, when it is installed and was looked up
 */
public record EbsCsiDriverStatus(String clusterName, boolean autoMode, Optional<Addon> addon) {
    private static final String CHECK = "ebs-csi-driver";
    /** The EKS add-on that installs the EBS CSI driver. */
    public static final String ADDON_NAME = "aws-ebs-csi-driver";
    /** The provisioner of EKS Auto Mode's built-in EBS driver. */
    public static final String AUTO_MODE_PROVISIONER = "ebs.csi.eks.amazonaws.com";
    /**
     * Auto Mode nodes do not run the {@code ebs.csi.aws.com} node plugin, so they lack its
     * {@code topology.ebs.csi.aws.com/zone} label; the well-known zone label is on every node.
     */
    public static final String AUTO_MODE_TOPOLOGY_KEY = "topology.kubernetes.io/zone";
    static final String ACTIVE = "ACTIVE";

    /**
     * Requires the cluster name and the add-on (maybe empty).
     *
     * @param clusterName the cluster's name
     * @param autoMode whether EKS Auto Mode block storage is enabled
     * @param addon the add-on, when it is installed and was looked up
     */
    public EbsCsiDriverStatus {
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(addon, "addon");
    }

    /** The installed add-on: its status (e.g. {@code ACTIVE}, {@code DEGRADED}), version and health issues. */
    public record Addon(String status, String version, List<String> issues) {
        /**
         * Copies the issues.
         *
         * @param status the add-on's status, e.g. {@code ACTIVE}
         * @param version the add-on's version
         * @param issues its health issues
         */
        public Addon {
            issues = List.copyOf(issues);
        }
    }

    /** {@return the StorageClass provisioner that works on this cluster} */
    public String provisioner() {
        return autoMode ? AUTO_MODE_PROVISIONER : StorageSpec.EBS_CSI_PROVISIONER;
    }

    /** {@return the node label the StorageClass should pin the zone with on this cluster} */
    public String topologyKey() {
        return autoMode ? AUTO_MODE_TOPOLOGY_KEY : StorageSpec.EBS_CSI_TOPOLOGY_KEY;
    }

    /** {@return whether a driver is there to provision volumes: Auto Mode, or the add-on {@code ACTIVE}} */
    public boolean ready() {
        return problems().isEmpty();
    }

    /** {@return what stops volumes from being provisioned, each with its fix; empty when {@link #ready()}} */
    public List<Finding> problems() {
        if (autoMode) {
            return List.of();
        }
        String describe = "aws eks describe-addon --cluster-name " + clusterName + " --addon-name " + ADDON_NAME;
        if (addon.isEmpty()) {
            return List.of(Finding.error(CHECK, "", "EBS CSI driver: the " + ADDON_NAME + " add-on is not installed on cluster "
                    + clusterName, "run aws eks create-addon --cluster-name " + clusterName + " --addon-name " + ADDON_NAME
                    + " --service-account-role-arn <IAM role with the AmazonEBSCSIDriverPolicy managed policy>"
                    + " (or give the ebs-csi-controller-sa service account that role through EKS Pod Identity),"
                    + " or enable EKS Auto Mode; if you installed the driver with Helm, skip this check"));
        }
        Addon a = addon.get();
        if (ACTIVE.equals(a.status())) {
            return List.of();
        }
        return List.of(Finding.error(CHECK, "", "EBS CSI driver: the " + ADDON_NAME + " add-on"
                + (a.version() == null ? "" : " " + a.version()) + " on cluster " + clusterName
                + " is " + a.status() + (a.issues().isEmpty() ? "" : " " + a.issues()),
                "wait for it to become ACTIVE, or see " + describe
                + " (a missing or wrong IAM role for the ebs-csi-controller-sa service account is the usual cause)"));
    }

    /**
     * Checks the cluster can provision EBS volumes.
     *
     * @return this status
     * @throws PreflightFailedException listing {@link #problems()} when the cluster cannot provision EBS volumes
     */
    public EbsCsiDriverStatus requireReady() {
        List<Finding> problems = problems();
        if (!problems.isEmpty()) {
            throw new PreflightFailedException(problems);
        }
        return this;
    }

    /**
     * {@code blueprint} with the StorageClass provisioner and topology key of this cluster's driver.
     *
     * @param blueprint the blueprint to adapt
     * @return the adapted blueprint
     */
    public StatefulEbsBlueprint applyTo(StatefulEbsBlueprint blueprint) {
        return blueprint.toBuilder().storage(s -> s.provisioner(provisioner()).topologyKey(topologyKey())).build();
    }
}
