package io.statefulebs.blueprint.doctor;

import io.statefulebs.blueprint.inventory.StorageClassView;
import io.statefulebs.blueprint.spec.Quantity;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * gp3 StorageClass parameters that make every CreateVolume fail (EC2 refuses gp3 below its 3,000 IOPS / 125 MiB/s
 * baseline, above its 80,000 IOPS / 2,000 MiB/s maximum and above 0.25 MiB/s of throughput per provisioned IOPS; the
 * driver refuses a value that is not a number), and those that fail or are cut for some claims: {@code iops} above the
 * baseline needs a claim of at least {@code iops / 500} GiB (judged per claim of the class, by its requested size;
 * on the class when no claim in scope uses it), {@code iopsPerGB} without
 * {@code allowAutoIOPSPerGBIncrease} fails for small claims, and the driver caps {@code iopsPerGB} at 500.
 * The limits are EBS's since September 2025 (gp3 was 16,000 IOPS / 1,000 MiB/s before); the EBS CSI driver no longer
 * caps {@code iops} itself but passes it to EC2 (kubernetes-sigs/aws-ebs-csi-driver #1883, #2682).
 */
final class Gp3ParametersRule implements Rule {
    static final long MIN_IOPS = 3000;
    static final long MAX_IOPS = 80_000;
    static final long MIN_THROUGHPUT = 125;
    static final long MAX_THROUGHPUT = 2000;
    static final long MAX_IOPS_PER_GIB = 500;

    @Override
    public List<Finding> examine(Examination cluster) {
        List<Finding> findings = new ArrayList<>();
        for (StorageClassView sc : cluster.inventory().storageClasses()) {
            // The driver reads parameter names case-insensitively; its default type is gp3.
            Map<String, String> p = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            p.putAll(sc.parameters());
            if (!Examination.EBS_PROVISIONERS.contains(sc.provisioner()) || !p.getOrDefault("type", "gp3").equalsIgnoreCase("gp3")) {
                continue;
            }
            List<String> rejected = new ArrayList<>();
            OptionalLong iops = number(p, "iops", rejected);
            OptionalLong throughput = number(p, "throughput", rejected);
            OptionalLong perGib = number(p, "iopsPerGB", rejected);
            if (iops.isPresent() && perGib.isPresent()) {
                rejected.add("iops and iopsPerGB are both set; the driver accepts one of them");
            }
            if (iops.isPresent() && iops.getAsLong() < MIN_IOPS) {
                rejected.add("iops " + iops.getAsLong() + " is below gp3's minimum of " + MIN_IOPS);
            }
            if (iops.isPresent() && iops.getAsLong() > MAX_IOPS) {
                rejected.add("iops " + iops.getAsLong() + " is above gp3's maximum of " + MAX_IOPS);
            }
            if (throughput.isPresent() && throughput.getAsLong() < MIN_THROUGHPUT) {
                rejected.add("throughput " + throughput.getAsLong() + " MiB/s is below gp3's minimum of " + MIN_THROUGHPUT);
            }
            if (throughput.isPresent() && throughput.getAsLong() > MAX_THROUGHPUT) {
                rejected.add("throughput " + throughput.getAsLong() + " MiB/s is above gp3's maximum of " + MAX_THROUGHPUT);
            }
            long effectiveIops = iops.orElse(MIN_IOPS);
            if (throughput.isPresent() && throughput.getAsLong() * 4 > effectiveIops) {
                rejected.add("throughput " + throughput.getAsLong() + " MiB/s exceeds 0.25 MiB/s per IOPS of " + effectiveIops
                        + " IOPS (at most " + effectiveIops / 4 + ")");
            }
            String evidence = "StorageClass/" + sc.name() + " parameters=" + new TreeMap<>(sc.parameters());
            if (!rejected.isEmpty()) {
                findings.add(new Finding(DoctorChecks.GP3_PARAMETERS, Finding.Severity.ERROR, List.of("StorageClass/" + sc.name()),
                        List.of(evidence), "StorageClass " + sc.name() + " asks for a gp3 volume EC2 or the driver rejects: "
                        + String.join("; ", rejected), "create a StorageClass with gp3 parameters within the limits and use it"));
            }
            if (rejected.isEmpty() && iops.isPresent() && iops.getAsLong() > MIN_IOPS) {
                findings.addAll(iopsRatio(cluster, sc, iops.getAsLong(), evidence));
            }
            if (perGib.isPresent() && perGib.getAsLong() > MAX_IOPS_PER_GIB) {
                findings.add(new Finding(DoctorChecks.GP3_PARAMETERS, Finding.Severity.INFO, List.of("StorageClass/" + sc.name()),
                        List.of(evidence), "StorageClass " + sc.name() + " sets iopsPerGB=" + perGib.getAsLong() + ": the driver caps"
                        + " it at gp3's " + MAX_IOPS_PER_GIB + " IOPS per GiB (and the total at EC2's maximum)",
                        "set iopsPerGB to " + MAX_IOPS_PER_GIB + " or less to say what the volumes get"));
            }
            if (p.containsKey("iopsPerGB") && !"true".equalsIgnoreCase(p.get("allowAutoIOPSPerGBIncrease"))) {
                findings.add(new Finding(DoctorChecks.GP3_PARAMETERS, Finding.Severity.WARNING, List.of("StorageClass/" + sc.name()),
                        List.of(evidence), "StorageClass " + sc.name() + " sets iopsPerGB=" + p.get("iopsPerGB")
                        + " without allowAutoIOPSPerGBIncrease: a claim too small for " + MIN_IOPS + " IOPS at that rate is refused",
                        "add allowAutoIOPSPerGBIncrease: \"true\" (a new StorageClass), or set iops instead of iopsPerGB"));
            }
        }
        return findings;
    }

    /**
     * {@code iops} above the baseline against the size of each claim of the class: a claim under {@code iops / 500}
     * GiB is refused by EC2 (error while it waits to be provisioned; warning once bound, for when it is made again).
     * With no claim of a known size in the examined scope the class itself is reported (warning).
     */
    private static List<Finding> iopsRatio(Examination cluster, StorageClassView sc, long iops, String classEvidence) {
        long minGiB = (iops + MAX_IOPS_PER_GIB - 1) / MAX_IOPS_PER_GIB;
        List<Finding> findings = new ArrayList<>();
        boolean anySized = false;
        for (ClaimView claim : cluster.inventory().claims()) {
            OptionalLong gib = claim.storageClass().equals(sc.name()) ? sizeGiB(claim) : OptionalLong.empty();
            if (gib.isEmpty()) {
                continue;
            }
            anySized = true;
            if (iops <= MAX_IOPS_PER_GIB * gib.getAsLong()) {
                continue;
            }
            String ref = Examination.claimRef(claim);
            String ratio = String.format(Locale.ROOT, "%.1f", (double) iops / gib.getAsLong());
            String size = (claim.requested().isEmpty() ? "" : " requests=" + claim.requested())
                    + (claim.capacity().isEmpty() ? "" : " capacity=" + claim.capacity()) + " (" + gib.getAsLong() + " GiB)";
            List<String> evidence = List.of(ref + " phase=" + claim.phase() + size, "iops " + iops + " / " + gib.getAsLong()
                    + " GiB = " + ratio + " IOPS per GiB (gp3 allows at most " + MAX_IOPS_PER_GIB + ")", classEvidence);
            String cause = claim.bound()
                    ? "claim " + claim.namespace() + "/" + claim.name() + " (" + gib.getAsLong() + " GiB) is bound, but its StorageClass "
                    + sc.name() + " sets iops=" + iops + ", " + ratio + " IOPS per GiB: EC2 refuses a new volume of this size"
                    + " (a re-created claim, a restore) above " + MAX_IOPS_PER_GIB
                    : "claim " + claim.namespace() + "/" + claim.name() + " requests " + gib.getAsLong() + " GiB with StorageClass "
                    + sc.name() + "'s iops=" + iops + ", " + ratio + " IOPS per GiB: EC2 refuses every CreateVolume above "
                    + MAX_IOPS_PER_GIB;
            findings.add(new Finding(DoctorChecks.GP3_PARAMETERS, claim.bound() ? Finding.Severity.WARNING : Finding.Severity.ERROR,
                    List.of(ref, "StorageClass/" + sc.name()), evidence, cause, "request at least " + minGiB + "Gi in claim "
                    + claim.name() + " (a new claim: a Pending claim's size cannot change), or use a StorageClass with iops of at most "
                    + MAX_IOPS_PER_GIB * gib.getAsLong()));
        }
        if (!anySized) {
            findings.add(new Finding(DoctorChecks.GP3_PARAMETERS, Finding.Severity.WARNING, List.of("StorageClass/" + sc.name()),
                    List.of(classEvidence), "StorageClass " + sc.name() + " sets iops=" + iops + ": gp3 allows at most "
                    + MAX_IOPS_PER_GIB + " IOPS per GiB above its " + MIN_IOPS + " baseline, so EC2 refuses claims under "
                    + minGiB + " GiB", "request at least " + minGiB + "Gi in every claim of this class, or use iopsPerGB with"
                    + " allowAutoIOPSPerGBIncrease: \"true\" (a new StorageClass)"));
        }
        return findings;
    }

    /** The size EC2 is asked for: the request (the driver rounds it up to whole GiB), else the bound capacity. */
    private static OptionalLong sizeGiB(ClaimView claim) {
        return Quantity.parse(claim.requested()).or(() -> Quantity.parse(claim.capacity())).filter(q -> q.amount().signum() > 0)
                .map(q -> OptionalLong.of(q.gibibytesRoundedUp())).orElse(OptionalLong.empty());
    }

    private static OptionalLong number(Map<String, String> parameters, String key, List<String> rejected) {
        String value = parameters.get(key);
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            rejected.add(key + " \"" + value + "\" is not a whole number");
            return OptionalLong.empty();
        }
    }
}
