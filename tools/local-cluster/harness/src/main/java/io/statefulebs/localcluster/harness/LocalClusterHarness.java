package io.statefulebs.localcluster.harness;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The local cluster's harness process: plays, for every client of the cluster, the parts a real EKS cluster runs
 * outside its control plane and kwok lacks — the EBS CSI controller ({@link HarnessEbsProvisioner},
 * {@link HarnessAttacher}), the CSI node plugin's registration ({@link HarnessCsiNodes}) and each node's kubelet
 * volume manager and container runtime ({@link HarnessVolumeManager}, {@link HarnessContainers}).
 *
 * <p>{@code java -jar local-cluster-harness.jar KUBECONFIG STATE_DIR}: volumes live under {@code STATE_DIR/volumes},
 * pod roots under {@code STATE_DIR/pods} (start.sh's {@code cat} shim reads them for {@code kubectl exec}). Once every
 * part's informers have synced it writes {@code STATE_DIR/harness.ready} (start.sh waits for it); on SIGTERM it stops
 * the parts and removes that file.
 */
public final class LocalClusterHarness {
    /** The file whose presence says the harness runs and has synced, under the state directory. */
    static final String READY_FILE = "harness.ready";
    private static final Logger LOG = LoggerFactory.getLogger(LocalClusterHarness.class);

    private LocalClusterHarness() {
    }

    /**
     * Runs the harness until the process is stopped.
     *
     * @param args the admin kubeconfig and the state directory start.sh uses
     * @throws Exception when the kubeconfig cannot be read or a part cannot start (the process then exits non-zero)
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java -jar local-cluster-harness.jar KUBECONFIG STATE_DIR");
            System.exit(2);
        }
        Path kubeconfig = Path.of(args[0]);
        Path state = Path.of(args[1]).toAbsolutePath();
        Path ready = state.resolve(READY_FILE);
        Files.deleteIfExists(ready);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
        Path volumes = Files.createDirectories(state.resolve("volumes"));
        Path pods = Files.createDirectories(state.resolve("pods"));
        List<HarnessPart> parts = List.of(new HarnessEbsProvisioner(client, volumes), new HarnessAttacher(client),
                new HarnessCsiNodes(client), new HarnessVolumeManager(client), new HarnessContainers(client, volumes, pods));
        List<HarnessPart> started = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            try {
                Files.deleteIfExists(ready);
            } catch (IOException e) {
                LOG.warn("cannot remove {}: {}", ready, e.getMessage());
            }
            stop(started);
            client.close();
            stopped.countDown();
        }, "harness-shutdown"));
        for (HarnessPart part : parts) {
            part.start();
            started.add(part);
        }
        Files.writeString(ready, ProcessHandle.current().pid() + "\n");
        LOG.info("ready: {} parts playing the EBS CSI driver, volume managers and containers for {}", parts.size(), client.getMasterUrl());
        stopped.await();
    }

    /** Stops the parts, the containers first (their writer loops), in the reverse order of their start. */
    private static void stop(List<HarnessPart> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (RuntimeException e) {
                LOG.warn("stopping {}", started.get(i).getClass().getSimpleName(), e);
            }
        }
    }
}
