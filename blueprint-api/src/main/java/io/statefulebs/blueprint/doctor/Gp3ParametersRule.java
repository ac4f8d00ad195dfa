package io.statefulebs.blueprint.doctor;

import io.statefulebs.blueprint.inventory.StorageClassView;
import io.statefulebs.blueprint.view.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * gp3 StorageClass parameters that make every CreateVolume fail (EC2 refuses gp3 below its 3,000 IOPS / 125 MiB/s
 * baseline and above 0.25 MiB/s of throughput per provisioned IOPS; the driver refuses a value that is not a number),
 * and {@code iopsPerGB} without {@code allowAutoIOPSPerGBIncrease}, which fails for small claims.
 */
final class Gp3ParametersRule implements Rule {
    static final long MIN_IOPS = 3000;
    static final long MIN_THROUGHPUT = 125;

    @Override
    public List<Finding> examine(Examination cluster) {
        List<Finding> findings = new ArrayList<>();
        for (StorageClassView sc : cluster.inventory().storageClasses()) {
            Map<String, String> p = sc.parameters();
            // The driver's default type is gp3.
            if (!Examination.EBS_PROVISIONERS.contains(sc.provisioner()) || !p.getOrDefault("type", "gp3").equalsIgnoreCase("gp3")) {
                continue;
            }
            List<String> rejected = new ArrayList<>();
            OptionalLong iops = number(p, "iops", rejected);
            OptionalLong throughput = number(p, "throughput", rejected);
            if (iops.isPresent() && iops.getAsLong() < MIN_IOPS) {
                rejected.add("iops " + iops.getAsLong() + " is below gp3's minimum of " + MIN_IOPS);
            }
            if (throughput.isPresent() && throughput.getAsLong() < MIN_THROUGHPUT) {
                rejected.add("throughput " + throughput.getAsLong() + " MiB/s is below gp3's minimum of " + MIN_THROUGHPUT);
            }
            long effectiveIops = iops.orElse(MIN_IOPS);
            if (throughput.isPresent() && throughput.getAsLong() * 4 > effectiveIops) {
                rejected.add("throughput " + throughput.getAsLong() + " MiB/s exceeds 0.25 MiB/s per IOPS of " + effectiveIops
                        + " IOPS (at most " + effectiveIops / 4 + ")");
            }
            String evidence = "StorageClass/" + sc.name() + " parameters=" + new java.util.TreeMap<>(p);
            if (!rejected.isEmpty()) {
                findings.add(new Finding(DoctorChecks.GP3_PARAMETERS, Finding.Severity.ERROR, List.of("StorageClass/" + sc.name()),
                        List.of(evidence), "StorageClass " + sc.name() + " asks for a gp3 volume EC2 or the driver rejects: "
                        + String.join("; ", rejected), "create a StorageClass with gp3 parameters within the limits and use it"));
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
