package io.statefulebs.blueprint.examples.cli;

import io.statefulebs.blueprint.aws.AwsLookups;
import io.statefulebs.blueprint.aws.EksClusterConnection;
import io.statefulebs.blueprint.fabric8.Fabric8Backend;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which cluster the walkthrough runs on, found as kubectl finds it: {@code --kubeconfig}, else the file KUBECONFIG
 * names, else ~/.kube/config if there is one ({@code --context} picks a context of it); or an EKS cluster reached
 * through the AWS API without a kubeconfig; the embedded simulated cluster when none of these is configured, or
 * with {@code --simulated}.
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

    @Option(names = "--simulated", description = "Run on the embedded simulated cluster even when KUBECONFIG or"
            + " ~/.kube/config names a cluster.")
    private boolean simulated;

    /** The kubeconfig files to merge, as kubectl does: {@link #kubeconfig}, else the files of KUBECONFIG that exist. */
    private List<Path> kubeconfigs = List.of();

    /** Where {@link #kubeconfigs} came from, for the first line of output: the option or the environment. */
    private String kubeconfigOrigin = "--kubeconfig";

    /** Whether a real cluster was named on the command line (after {@link #validate}: or found in the environment). */
    boolean realCluster() {
        return !kubeconfigs.isEmpty() || kubeconfig != null || context != null || eksCluster != null;
    }

    long seed() {
        return seed;
    }

    /**
     * The run id when {@code --run-id} is not given: derived from the seed on the simulated cluster, so its output
     * repeats exactly; null (random) on a real one, where runs must not collide.
     */
    String defaultRunId() {
        return realCluster() ? null : "walkthrough-" + Long.toUnsignedString(seed, 36);
    }

    /**
     * Rejects option combinations that cannot work, before anything is opened, and, with no cluster option, takes
     * the kubeconfig from {@code environment} as kubectl does (the files KUBECONFIG lists that exist, merged; else
     * $HOME/.kube/config).
     */
    void validate(CommandLine commandLine, Map<String, String> environment) {
        if (simulated && realCluster()) {
            throw new ParameterException(commandLine, "--simulated runs no real cluster: drop --simulated, or drop --kubeconfig/--context/--eks-cluster");
        }
        if (eksCluster != null && (kubeconfig != null || context != null)) {
            throw new ParameterException(commandLine, "--eks-cluster connects without a kubeconfig: drop --kubeconfig/--context, or drop --eks-cluster");
        }
        if (eksCluster != null && region == null && environment.get("AWS_REGION") == null) {
            throw new ParameterException(commandLine, "--eks-cluster " + eksCluster + " needs the cluster's region: add --region REGION (or set AWS_REGION)");
        }
        if (region != null && eksCluster == null) {
            throw new ParameterException(commandLine, "--region applies to --eks-cluster only: add --eks-cluster NAME or drop --region");
        }
        if (!simulated && kubeconfig == null && eksCluster == null) {
            configuredKubeconfig(commandLine, environment);
        }
        if (kubeconfig != null) {
            if (!Files.isReadable(kubeconfig)) {
                throw new ParameterException(commandLine, "--kubeconfig " + kubeconfig + ": no readable file there; give the path of a kubeconfig");
            }
            kubeconfigs = List.of(kubeconfig);
        }
        for (Path file : kubeconfigs) {
            if (!Files.isReadable(file)) {
                throw new ParameterException(commandLine, "KUBECONFIG=" + environment.get("KUBECONFIG") + ": " + file
                        + " is not readable; fix KUBECONFIG, unset it or add --simulated");
            }
        }
    }

    /** As kubectl: KUBECONFIG's files (empty entries and missing files skipped, as client-go does), else ~/.kube/config. */
    private void configuredKubeconfig(CommandLine commandLine, Map<String, String> environment) {
        String fromVariable = environment.getOrDefault("KUBECONFIG", "");
        String home = environment.get("HOME");
        if (!fromVariable.isEmpty()) {
            kubeconfigs = Arrays.stream(fromVariable.split(File.pathSeparator)).filter(f -> !f.isEmpty()).map(Path::of)
                    .filter(Files::exists).toList();
            kubeconfigOrigin = "KUBECONFIG";
            if (kubeconfigs.isEmpty()) {
                throw new ParameterException(commandLine, "KUBECONFIG=" + fromVariable + ": none of its files exists;"
                        + " fix KUBECONFIG, unset it or add --simulated");
            }
        } else if (home != null && Files.isRegularFile(Path.of(home, ".kube", "config"))) {
            kubeconfigs = List.of(Path.of(home, ".kube", "config"));
            kubeconfigOrigin = "~/.kube/config";
        }
    }

    /** Connects to (or creates) the cluster; call after the spec is validated, so bad input touches nothing. */
    ChosenBackend open() {
        if (eksCluster != null) {
            return eks();
        }
        if (realCluster()) {
            Fabric8Backend.Builder builder = Fabric8Backend.builder();
            if (!kubeconfigs.isEmpty()) {
                builder.kubeconfigs(kubeconfigs);
            }
            Optional.ofNullable(context).ifPresent(builder::context);
            return new ChosenBackend(builder.build(), "real cluster from kubeconfig"
                    + (kubeconfigs.isEmpty() ? "" : " " + kubeconfigs.stream().map(Path::toString)
                            .collect(Collectors.joining(File.pathSeparator)) + " (" + kubeconfigOrigin + ")")
                    + (context != null ? ", context " + context : ""),
                    Optional.empty(), Optional.empty(), Optional.empty(), List.of());
        }
        SimulatedCluster cluster = SimulatedCluster.builder().seed(seed).build();
        return new ChosenBackend(cluster, "embedded simulated cluster in " + cluster.region() + ", seed " + seed
                + ", virtual time", Optional.of(cluster::advance), Optional.empty(), Optional.empty(), List.of());
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
                    + ", zones and volumes from EC2", Optional.empty(), Optional.of(aws.zoneSource()),
                    Optional.of(aws.cloudVolumeSource()), List.of(aws));
        } catch (RuntimeException e) {
            aws.close();
            throw e;
        }
    }
}
