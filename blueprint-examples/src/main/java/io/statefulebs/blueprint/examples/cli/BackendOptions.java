package io.statefulebs.blueprint.examples.cli;

import io.statefulebs.blueprint.aws.AwsLookups;
import io.statefulebs.blueprint.aws.EksClusterConnection;
import io.statefulebs.blueprint.fabric8.Fabric8Backend;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which cluster the walkthrough runs on: a kubeconfig (file or context), an EKS cluster reached through the AWS
 * API without a kubeconfig, or else the embedded simulated cluster.
 */
public final class BackendOptions {
    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
            description = "Seed of the simulated cluster: the same seed gives the same names, nodes and numbers"
                    + " (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Run on the cluster of this kubeconfig file.")
    private Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "Run on this kubeconfig context (of --kubeconfig, KUBECONFIG or ~/.kube/config).")
    private String context;

    @Option(names = "--eks-cluster", paramLabel = "NAME", description = "Run on this EKS cluster, reached through the AWS API (needs --region or AWS_REGION); zones come from EC2.")
    private String eksCluster;

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region of --eks-cluster.")
    private String region;

    private boolean realCluster() {
        return kubeconfig != null || context != null || eksCluster != null;
    }

    /**
     * The run id when {@code --run-id} is not given: derived from the seed on the simulated cluster, so its output
     * repeats exactly; null (random) on a real one, where runs must not collide.
     */
    String defaultRunId() {
        return realCluster() ? null : "walkthrough-" + Long.toUnsignedString(seed, 36);
    }

    /** Rejects option combinations that cannot work, before anything is opened. */
    void validate(CommandLine commandLine, Map<String, String> environment) {
        if (eksCluster != null && (kubeconfig != null || context != null)) {
            throw new ParameterException(commandLine, "--eks-cluster connects without a kubeconfig: drop --kubeconfig/--context, or drop --eks-cluster");
        }
        if (eksCluster != null && region == null && environment.get("AWS_REGION") == null) {
            throw new ParameterException(commandLine, "--eks-cluster " + eksCluster + " needs the cluster's region: add --region REGION (or set AWS_REGION)");
        }
        if (region != null && eksCluster == null) {
            throw new ParameterException(commandLine, "--region applies to --eks-cluster only: add --eks-cluster NAME or drop --region");
        }
        if (kubeconfig != null && !Files.isReadable(kubeconfig)) {
            throw new ParameterException(commandLine, "--kubeconfig " + kubeconfig + ": no readable file there; give the path of a kubeconfig");
        }
    }

    /** Connects to (or creates) the cluster; call after the spec is validated, so bad input touches nothing. */
    ChosenBackend open() {
        if (eksCluster != null) {
            return eks();
        }
        if (realCluster()) {
            Fabric8Backend.Builder builder = Fabric8Backend.builder();
            Optional.ofNullable(kubeconfig).ifPresent(builder::kubeconfig);
            Optional.ofNullable(context).ifPresent(builder::context);
            return new ChosenBackend(builder.build(), "real cluster from kubeconfig"
                    + (kubeconfig != null ? " " + kubeconfig : "") + (context != null ? ", context " + context : ""),
                    Optional.empty(), Optional.empty(), List.of());
        }
        SimulatedCluster cluster = SimulatedCluster.builder().seed(seed).build();
        return new ChosenBackend(cluster, "embedded simulated cluster in " + cluster.region() + ", seed " + seed
                + ", virtual time", Optional.of(cluster::advance), Optional.empty(), List.of());
    }

    private ChosenBackend eks() {
        AwsLookups.Builder lookups = AwsLookups.builder().clusterName(eksCluster);
        Optional.ofNullable(region).ifPresent(lookups::region);
        AwsLookups aws = lookups.build();
        try {
            EksClusterConnection connection = aws.clusterConnection();
            Fabric8Backend backend = Fabric8Backend.builder().connection(URI.create(connection.apiServerUrl()),
                    connection.certificateAuthorityPem(), connection.bearerToken()).build();
            return new ChosenBackend(backend, "EKS cluster " + eksCluster + " at " + connection.apiServerUrl()
                    + ", zones from EC2", Optional.empty(), Optional.of(aws.zoneSource()), List.of(aws));
        } catch (RuntimeException e) {
            aws.close();
            throw e;
        }
    }
}
