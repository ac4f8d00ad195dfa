package io.statefulebs.localcluster.harness;

import io.fabric8.kubernetes.api.model.AttachedVolume;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.statefulebs.blueprint.spec.IntegrityLines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Plays the container runtime kwok does not have, for the blueprint's writer container only. When a pod that mounts
 * claims is bound to a node (its claims bound), it gives the pod a root directory whose mount paths are symbolic links
 * to the volumes' directories, creates the kwok {@code Exec} object that makes {@code kubectl exec} run commands on
 * this host with that root (start.sh's {@code cat} shim reads absolute paths under it), and runs the writer script:
 * one line on start, then one per interval, until the pod stops. Then it annotates the pod
 * {@value #STARTED_ANNOTATION}: start.sh's kwok marks a pod Running only after that, as a kubelet does only once the
 * container started (without it, under load, pods ran before their files and Exec objects existed). The exec path
 * under test (API server, kwok's kubelet server, the command's output and exit code) is real; only the container's
 * process is played.
 *
 * <p>As a kubelet's volume manager, it starts a container only once every EBS volume the pod mounts is attached to
 * the pod's node, as the attach-detach controller reports in the node's {@code status.volumesAttached} (after the
 * harness's attacher marked the VolumeAttachment attached), and reported in use ({@link HarnessVolumeManager}). On a
 * powered-off node ({@link NodePowerLease}) it starts nothing and stops the writer loops that ran there.
 */
final class HarnessContainers extends HarnessPart {
    /** The writer script {@code WorkloadSpec.writerScript()} renders. */
    static final Pattern WRITER = Pattern.compile(
            "while true; do echo (.*) \\$\\(\\( \\$RANDOM % (\\d+) \\+ 1 \\)\\)>> (\\S+); sleep (\\d+); done");
    static final String POD_ROOT_ENV = "STATEFULEBS_POD_ROOT";
    static final String STARTED_ANNOTATION = "statefulebs.io/container-started";
    private final Path volumes;
    private final Path pods;
    /** Started pods by UID, with their writer loop (only touched on the worker thread). */
    private final Map<String, ScheduledFuture<?>> started = new HashMap<>();
    private volatile SharedIndexInformer<Pod> informer;
    private volatile SharedIndexInformer<Node> nodeInformer;
    private volatile SharedIndexInformer<Lease> leaseInformer;

    HarnessContainers(KubernetesClient client, Path volumes, Path pods) {
        super(client, "harness-containers");
        this.volumes = volumes;
        this.pods = pods;
    }

    @Override
    void start() {
        informer = track(client.pods().inAnyNamespace().inform(
                events((pod, deleted) -> queue(pod, () -> {
                    if (deleted) {
                        stop(pod);
                    } else {
                        changed(pod);
                    }
                })), 5_000));
        // A pod waiting for its volume starts when the controller reports it attached in the node's status.
        nodeInformer = track(client.nodes().inform(onWorker(
                node -> podsOn(node.getMetadata().getName()).forEach(p -> safely(p, () -> changed(p)))), 0));
        leaseInformer = track(client.leases().inNamespace(NodePowerLease.NAMESPACE).inform(onWorker(lease -> {
            if (NodePowerLease.poweredOff(lease)) {
                podsOn(lease.getMetadata().getName()).forEach(p -> safely(p, () -> stop(p)));
            }
        }), 0));
    }

    private List<Pod> podsOn(String node) {
        return informer.getStore().list().stream().filter(p -> node.equals(p.getSpec().getNodeName())).toList();
    }

    private boolean poweredOff(String node) {
        return leaseInformer != null && NodePowerLease.poweredOff(leaseInformer.getStore().getByKey(NodePowerLease.NAMESPACE + "/" + node));
    }

    private void changed(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        boolean gone = pod.getMetadata().getDeletionTimestamp() != null || "Succeeded".equals(phase) || "Failed".equals(phase);
        if (gone) {
            stop(pod);
            return;
        }
        String uid = pod.getMetadata().getUid();
        if (started.containsKey(uid)) {
            if (!"true".equals(pod.getMetadata().getAnnotations() == null ? null
                    : pod.getMetadata().getAnnotations().get(STARTED_ANNOTATION))) {
                markStarted(pod); // the first try failed (a 409 or 5xx): kwok must still learn the container runs
            }
            return;
        }
        if (pod.getSpec().getNodeName() == null || poweredOff(pod.getSpec().getNodeName())) {
            return;
        }
        Map<String, String> mounts = volumeMounts(pod);
        if (mounts == null) {
            return; // a claim is not bound yet: the next update or resync retries
        }
        if (!attached(pod.getSpec().getNodeName(), mounts.values())) {
            return; // the node update that reports the volume attached retries
        }
        Path root = pods.resolve(uid);
        try {
            for (Map.Entry<String, String> mount : mounts.entrySet()) {
                Path link = root.resolve(mount.getKey().substring(1));
                Files.createDirectories(link.getParent());
                if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, volumes.resolve(mount.getValue()));
                }
            }
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        createExec(pod, root);
        Container container = pod.getSpec().getContainers().get(0);
        List<String> args = Objects.requireNonNullElse(container.getArgs(), List.of());
        Matcher writer = args.size() == 2 && "-c".equals(args.get(0)) ? WRITER.matcher(args.get(1)) : null;
        ScheduledFuture<?> loop = null;
        Optional<IntegrityLines.Loop> integrity = args.size() == 2 && "-c".equals(args.get(0))
                ? IntegrityLines.loop(args.get(1)) : Optional.empty();
        if (integrity.isPresent()) {
            // The opt-in integrity writer: POD SEQ MESSAGE CKSUM, the sequence the pod's own from 1.
            Path file = root.resolve(integrity.get().path().substring(1));
            String podName = pod.getMetadata().getName();
            AtomicLong sequence = new AtomicLong();
            Runnable writeLine = () -> append(file, IntegrityLines.line(podName, sequence.incrementAndGet(), integrity.get().message()));
            writeLine.run();
            long interval = integrity.get().interval().toSeconds();
            loop = worker.scheduleAtFixedRate(writeLine, interval, interval, TimeUnit.SECONDS);
        } else if (writer != null && writer.matches()) {
            String message = writer.group(1);
            int modulo = Integer.parseInt(writer.group(2));
            Path file = root.resolve(writer.group(3).substring(1));
            long interval = Long.parseLong(writer.group(4));
            Runnable writeLine = () -> append(file, message + " " + (ThreadLocalRandom.current().nextInt(modulo) + 1));
            writeLine.run(); // the script's first line, written as the container starts, before the pod can turn Running
            loop = worker.scheduleAtFixedRate(writeLine, interval, interval, TimeUnit.SECONDS);
        }
        started.put(uid, loop);
        markStarted(pod);
        log.info("started pod {}/{} on {} with {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                pod.getSpec().getNodeName(), mounts);
    }

    /**
     * Whether every EBS volume among {@code volumeNames} is in the node's {@code volumesInUse} (the kubelet reported it)
     * and {@code volumesAttached} (the attach-detach controller reported it attached there).
     */
    private boolean attached(String nodeName, java.util.Collection<String> volumeNames) {
        Node node = nodeInformer == null ? null : nodeInformer.getStore().getByKey(nodeName);
        if (node == null || node.getStatus() == null) {
            return false;
        }
        Set<String> inUse = Set.copyOf(Objects.requireNonNullElse(node.getStatus().getVolumesInUse(), List.<String>of()));
        Set<String> attached = Objects.requireNonNullElse(node.getStatus().getVolumesAttached(), List.<AttachedVolume>of())
                .stream().map(AttachedVolume::getName).collect(Collectors.toSet());
        for (String volumeName : volumeNames) {
            PersistentVolume volume = client.persistentVolumes().withName(volumeName).get();
            if (volume == null) {
                return false;
            }
            if (volume.getSpec().getCsi() == null || !HarnessEbsProvisioner.DRIVER.equals(volume.getSpec().getCsi().getDriver())) {
                continue; // not an EBS volume: nothing to attach
            }
            String unique = HarnessVolumeManager.uniqueName(volume);
            if (!inUse.contains(unique) || !attached.contains(unique)) {
                return false;
            }
        }
        return true;
    }

    /** Mount path to volume (PV) name for every claim the first container mounts; null while a claim is unbound. */
    private Map<String, String> volumeMounts(Pod pod) {
        Map<String, String> claimsByVolume = new HashMap<>();
        for (Volume v : Objects.requireNonNullElse(pod.getSpec().getVolumes(), List.<Volume>of())) {
            if (v.getPersistentVolumeClaim() != null) {
                claimsByVolume.put(v.getName(), v.getPersistentVolumeClaim().getClaimName());
            }
        }
        Map<String, String> mounts = new LinkedHashMap<>();
        Container container = pod.getSpec().getContainers().get(0);
        for (VolumeMount m : Objects.requireNonNullElse(container.getVolumeMounts(), List.<VolumeMount>of())) {
            String claimName = claimsByVolume.get(m.getName());
            if (claimName == null) {
                continue;
            }
            PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(pod.getMetadata().getNamespace())
                    .withName(claimName).get();
            if (claim == null || claim.getSpec().getVolumeName() == null || claim.getSpec().getVolumeName().isEmpty()) {
                return null;
            }
            mounts.put(m.getMountPath(), claim.getSpec().getVolumeName());
        }
        return mounts;
    }

    private void createExec(Pod pod, Path root) {
        String json = """
                {"apiVersion":"kwok.x-k8s.io/v1alpha1","kind":"Exec",
                 "metadata":{"name":%s,"namespace":%s,
                   "ownerReferences":[{"apiVersion":"v1","kind":"Pod","name":%s,"uid":%s}]},
                 "spec":{"execs":[{"local":{"workDir":%s,"envs":[{"name":%s,"value":%s}]}}]}}
                """.formatted(quote(pod.getMetadata().getName()), quote(pod.getMetadata().getNamespace()),
                quote(pod.getMetadata().getName()), quote(pod.getMetadata().getUid()), quote(root.toString()),
                quote(POD_ROOT_ENV), quote(root.toString()));
        GenericKubernetesResource exec = Serialization.unmarshal(json, GenericKubernetesResource.class);
        client.genericKubernetesResources("kwok.x-k8s.io/v1alpha1", "Exec").inNamespace(pod.getMetadata().getNamespace())
                .resource(exec).createOr(existing -> existing.update());
    }

    /** The annotation start.sh's kwok pod-ready stage waits for: only then does kwok mark the pod Running and ready. */
    private void markStarted(Pod pod) {
        String uid = pod.getMetadata().getUid();
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .edit(p -> !uid.equals(p.getMetadata().getUid()) ? p // a namesake (StatefulSet) replaced it meanwhile
                        : new PodBuilder(p).editMetadata().addToAnnotations(STARTED_ANNOTATION, "true").endMetadata().build());
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void append(Path file, String line) {
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.warn("cannot append to {}: {}", file, e.getMessage());
        }
    }

    private void stop(Pod pod) {
        String uid = pod.getMetadata().getUid();
        if (!started.containsKey(uid)) {
            return;
        }
        ScheduledFuture<?> loop = started.remove(uid);
        if (loop != null) {
            loop.cancel(false);
        }
        Directories.deleteTree(pods.resolve(uid));
        log.info("stopped pod {}/{}", pod.getMetadata().getNamespace(), pod.getMetadata().getName());
    }
}
