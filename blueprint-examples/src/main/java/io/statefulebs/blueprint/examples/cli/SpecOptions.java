package io.statefulebs.blueprint.examples.cli;

import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.Zones;
import io.statefulebs.blueprint.error.SpecProblem;
import io.statefulebs.blueprint.spec.WorkloadKind;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.Objects;

/**
 * The blueprint's options, shared by the walkthrough and {@code render}: each maps to one builder call, and
 * {@link #toSpec} validates them all at once through the API (so the CLI never re-implements a rule).
 */
public final class SpecOptions {
    /** The option each spec field comes from, to name it in error messages. */
    private static final Map<String, String> OPTION_OF_FIELD = Map.of(
            "zone", "--zone",
            "namespace", "--namespace",
            "workload.replicas", "--replicas",
            "workload.kind", "--workload",
            "storage.storageClassName", "--storage-class",
            "storage.size", "--size",
            "runId", "--run-id");

    @Option(names = "--zone", paramLabel = "ZONE",
            description = "Availability zone for the StorageClass, e.g. eu-west-2a (default: the first zone the cluster offers:"
                    + " EC2's with --eks-cluster, else the zones its Karpenter NodePools allow).")
    private String zone;

    @Option(names = "--replicas", paramLabel = "N", defaultValue = "3", description = "Writer pods (default: ${DEFAULT-VALUE}).")
    private int replicas;

    @Option(names = "--namespace", paramLabel = "NAMESPACE", defaultValue = "default",
            description = "Namespace of the claim and workload (default: ${DEFAULT-VALUE}).")
    private String namespace;

    @Option(names = "--workload", paramLabel = "KIND", defaultValue = "deployment",
            description = "deployment (as in the README: one shared claim) or statefulset (one claim per replica)"
                    + " (default: ${DEFAULT-VALUE}).")
    private WorkloadKind workload;

    @Option(names = "--storage-class", paramLabel = "NAME", defaultValue = "storage-gp3",
            description = "StorageClass name; cluster-scoped, so runs side by side need different ones (default: ${DEFAULT-VALUE}).")
    private String storageClass;

    @Option(names = "--size", paramLabel = "QUANTITY", defaultValue = "4Gi", description = "Claim size (default: ${DEFAULT-VALUE}).")
    private String size;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Run id labelling every object (default: random on a real cluster; derived from the seed on the"
                    + " simulated cluster, from the options for render).")
    private String runId;

    public int replicas() {
        return replicas;
    }

    boolean hasZone() {
        return zone != null;
    }

    /** {@code prefix} and a digest of the options, so the same options give the same run id (and output). */
    String runIdFromOptions(String prefix) {
        int digest = Objects.hash(zone, replicas, namespace, workload.name(), storageClass, size);
        return prefix + "-" + Integer.toUnsignedString(digest, 36);
    }

    /**
     * The validated spec.
     *
     * @param defaultRunId used when {@code --run-id} is not given; null for a random one
     * @throws io.statefulebs.blueprint.error.InvalidSpecException listing every problem
     */
    public StatefulEbsBlueprint toSpec(String defaultRunId) {
        StatefulEbsBlueprint.Builder builder = StatefulEbsBlueprint.builder()
                .namespace(namespace)
                .replicas(replicas)
                .workload(w -> w.kind(workload))
                .storage(s -> s.storageClassName(storageClass).size(size));
        if (zone != null) {
            builder.zone(zone);
        } else {
            builder.zone(Zones.firstAvailable());
        }
        String id = runId != null ? runId : defaultRunId;
        if (id != null) {
            builder.runId(id);
        }
        return builder.build();
    }

    /** A problem as the user should read it: the option to change first, then the API's field and advice. */
    static String describe(SpecProblem problem) {
        String option = OPTION_OF_FIELD.get(problem.field());
        return (option != null ? option + " (" + problem.field() + ")" : problem.field()) + " = " + problem.value()
                + ": " + problem.fix();
    }
}
