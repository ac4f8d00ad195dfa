package io.statefulebs.blueprint.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The walkthrough's own commands for apply → ready → verify, as a person following the README runs them with the
 * tier's kubectl: {@code kubectl apply -f} of the rendered YAML, then either {@code kubectl get pods} and
 * {@code kubectl get pvc} every 5 s until three pods are 1/1 Running and the claim is Bound, or {@code kubectl wait}
 * (Deployment Available, claim Bound); then the verification commands ({@code kubectl get nodes -L ...},
 * {@code kubectl get pv}). Every command and every wait is bounded. Benchmark only: it times the deploy half of the
 * README's commands, two ways, and counts the kubectl processes; the README's kubectl steps as a check (outputs,
 * failover, scaling, cleanup) are tools/local-cluster/blueprint-kubectl-steps.sh, which run-tier.sh runs.
 */
final class KubectlWalkthrough {
    static final Duration POLL = Duration.ofSeconds(5);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final Path kubectl;
    private final Path kubeconfig;
    private int commands;

    KubectlWalkthrough(Path kubectl, Path kubeconfig) {
        this.kubectl = kubectl;
        this.kubeconfig = kubeconfig;
    }

    /** How many kubectl processes this object ran. */
    int commands() {
        return commands;
    }

    void apply(Path yaml) {
        run("apply", "-f", yaml.toString());
    }

    /** Polls every 5 s; returns the number of polls. */
    int pollUntilReady(String namespace, String podSelector, int replicas, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        for (int polls = 1; ; polls++) {
            List<String> pods = lines(run("-n", namespace, "get", "pods", "-l", podSelector, "--no-headers"));
            List<String> claims = lines(run("-n", namespace, "get", "pvc", "--no-headers"));
            long running = pods.stream().filter(l -> l.matches("\\S+\\s+1/1\\s+Running\\s.*")).count();
            boolean bound = !claims.isEmpty() && claims.stream().allMatch(l -> l.matches("\\S+\\s+Bound\\s.*"));
            if (running == replicas && pods.size() == replicas && bound) {
                return polls;
            }
            if (Instant.now().plus(POLL).isAfter(deadline)) {
                throw new IllegalStateException("kubectl: not ready after " + timeout + ": " + pods + " " + claims);
            }
            TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
        }
    }

    void waitUntilReady(String namespace, String deployment, String claim, Duration timeout) {
        String t = "--timeout=" + timeout.toSeconds() + "s";
        run("-n", namespace, "wait", "--for=condition=Available", "deployment/" + deployment, t);
        run("-n", namespace, "wait", "--for=jsonpath={.status.phase}=Bound", "pvc/" + claim, t);
    }

    /** The README's verification: the workload's nodes with their zone, and the volumes with theirs. */
    void verify() {
        run("get", "nodes", "-L", "karpenter.sh/capacity-type,beta.kubernetes.io/instance-type,karpenter.sh/nodepool,topology.kubernetes.io/zone",
                "-l", "karpenter.sh/initialized=true");
        run("get", "pv", "-o", "custom-columns=NAME:.metadata.name,CLAIM:.spec.claimRef.name,ZONE:.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]");
    }

    private static List<String> lines(String out) {
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    private String run(String... args) {
        List<String> command = new ArrayList<>(List.of(kubectl.toString(), "--kubeconfig", kubeconfig.toString(), "--request-timeout=30s"));
        command.addAll(List.of(args));
        commands++;
        try {
            Path out = Files.createTempFile("kubectl", ".out");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                long limit = COMMAND_TIMEOUT.toSeconds() + (args.length > 3 && args[2].equals("wait") ? 600 : 0);
                if (!p.waitFor(limit, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("kubectl " + String.join(" ", args) + ": no exit after " + limit + "s");
                }
                String text = Files.readString(out, StandardCharsets.UTF_8);
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("kubectl " + String.join(" ", args) + " exited " + p.exitValue() + ": " + text);
                }
                return text;
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("kubectl " + String.join(" ", args), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: kubectl " + String.join(" ", args), e);
        }
    }
}
