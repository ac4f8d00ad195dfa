package io.statefulebs.blueprint.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The state of the simulated cluster and the controllers that move it: Deployment and StatefulSet controllers,
 * the scheduler and the kubelet here; Karpenter in {@link KarpenterModel}; the EBS CSI driver and the
 * attach-detach controller in {@link EbsCsiModel}. Work that takes time is queued at a virtual instant.
 * Not thread-safe: {@link SimulatedCluster} serialises access.
 */
final class ClusterModel {
    final VirtualClock clock;
    final SimTimings timings;
    final Random random;
    final String region;
    final List<String> zones;
    final EventLog events = new EventLog();
    final Map<String, SimStorageClass> storageClasses = new LinkedHashMap<>();
    final Map<String, SimClaim> claims = new LinkedHashMap<>();
    final Map<String, SimVolume> volumes = new LinkedHashMap<>();
    final Map<String, SimWorkload> workloads = new LinkedHashMap<>();
    final SimPods pods = new SimPods();
    final Map<String, SimNode> nodes = new LinkedHashMap<>();
    final KarpenterModel karpenter;
    final EbsCsiModel ebs;
    private final PriorityQueue<Timed> queue = new PriorityQueue<>();
    private long sequence;

    /** {@code quiet}: the action changes nothing a controller or a wait reads (a writer's append to its file). */
    private record Timed(Instant at, long sequence, Runnable action, boolean quiet) implements Comparable<Timed> {
        @Override
        public int compareTo(Timed other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    ClusterModel(VirtualClock clock, SimTimings timings, long seed, String region, List<String> zones, NodePoolModel nodePool) {
        this.clock = clock;
        this.timings = timings;
        this.random = new Random(seed);
        this.region = region;
        this.zones = List.copyOf(zones);
        this.karpenter = new KarpenterModel(this, nodePool);
        this.ebs = new EbsCsiModel(this);
    }

    Instant now() {
        return clock.instant();
    }

    void after(Duration delay, Runnable action) {
        queue.add(new Timed(now().plus(delay), sequence++, action, false));
    }

    /**
     * Queues an action that changes nothing the controllers or waits read (a writer's append): when only such actions
     * are due, no reconcile pass follows. On a cluster shared by many runs the writers' appends are most of the queue,
     * and a pass over every run's objects after each one made the cost grow with the square of the runs.
     */
    private void afterQuietly(Duration delay, Runnable action) {
        queue.add(new Timed(now().plus(delay), sequence++, action, true));
    }

    Optional<Instant> nextEventTime() {
        return Optional.ofNullable(queue.peek()).map(Timed::at);
    }

    /**
     * Moves the clock to the next queued instant and runs everything due then, and the controllers after them unless
     * every action was quiet; returns whether one was not (the cluster may have changed).
     */
    boolean advanceToNextEvent() {
        Timed first = queue.poll();
        if (first == null) {
            return false;
        }
        clock.advanceTo(first.at());
        first.action().run();
        boolean changed = !first.quiet();
        while (!queue.isEmpty() && !queue.peek().at().isAfter(now())) {
            Timed next = queue.poll();
            next.action().run();
            changed |= !next.quiet();
        }
        if (changed) {
            reconcile();
        }
        return changed;
    }

    void event(String namespace, String type, String reason, String kind, String name, String message, String source) {
        events.record(now(), namespace, type, reason, kind, name, message, source);
    }

    /** Runs every controller until none changes anything. */
    void reconcile() {
        for (int pass = 0; pass < 50; pass++) {
            boolean changed = reconcileWorkloads();
            changed |= schedulePods();
            changed |= karpenter.provision();
            changed |= ebs.reconcile();
            changed |= startContainers();
            changed |= karpenter.consolidate();
            if (!changed) {
                return;
            }
        }
    }

    // ---- workload controllers -------------------------------------------------------------------------------

    List<SimPod> podsOf(SimWorkload workload) {
        return pods.of(workload);
    }

    private boolean reconcileWorkloads() {
        boolean changed = false;
        for (SimWorkload workload : List.copyOf(workloads.values())) {
            changed |= workload.statefulSet() ? reconcileStatefulSet(workload) : reconcileDeployment(workload);
        }
        return changed;
    }

    private boolean reconcileDeployment(SimWorkload workload) {
        List<SimPod> current = podsOf(workload).stream().filter(p -> !p.terminating).collect(Collectors.toList());
        boolean changed = false;
        for (int i = current.size(); i < workload.replicas; i++) {
            String name = workload.name + "-" + workload.templateHash + "-" + randomSuffix(5);
            addPod(new SimPod(workload.namespace, name, newUid(), workload, -1, workload.template, workload.claimFor(-1), now()));
            changed = true;
        }
        if (current.size() > workload.replicas) {
            // Like the ReplicaSet controller: unscheduled first, then not running, then the newest.
            current.sort(Comparator.comparing((SimPod p) -> p.scheduled()).thenComparing(SimPod::running)
                    .thenComparing((SimPod p) -> p.createdAt, Comparator.reverseOrder()));
            current.subList(0, current.size() - workload.replicas).forEach(this::deletePod);
            changed = true;
        }
        return changed;
    }

    private boolean reconcileStatefulSet(SimWorkload workload) {
        Map<Integer, SimPod> byOrdinal = new LinkedHashMap<>();
        podsOf(workload).forEach(p -> byOrdinal.put(p.ordinal, p));
        for (SimPod pod : List.copyOf(byOrdinal.values())) {
            if (pod.ordinal >= workload.replicas) {
                deletePod(pod);
                return true;
            }
        }
        // OrderedReady: ordinal i starts only once every lower ordinal is Running and ready.
        for (int ordinal = 0; ordinal < workload.replicas; ordinal++) {
            SimPod pod = byOrdinal.get(ordinal);
            if (pod == null) {
                ebs.ensureClaimFromTemplate(workload, ordinal);
                addPod(new SimPod(workload.namespace, workload.name + "-" + ordinal, newUid(), workload, ordinal, workload.template,
                        workload.claimFor(ordinal), now()));
                return true;
            }
            if (!pod.ready) {
                return false;
            }
        }
        return false;
    }

    private void addPod(SimPod pod) {
        pods.add(pod);
        event(pod.namespace, "Normal", "SuccessfulCreate", pod.owner.statefulSet() ? "StatefulSet" : "ReplicaSet",
                pod.owner.statefulSet() ? pod.owner.name : pod.owner.name + "-" + pod.owner.templateHash,
                "Created pod: " + pod.name, pod.owner.statefulSet() ? "statefulset-controller" : "replicaset-controller");
    }

    /** Removes a pod at once (the blueprint's grace period is 0); its volume detaches if its node is healthy. */
    void deletePod(SimPod pod) {
        pods.remove(pod);
        pod.containerGeneration++;
        ebs.podGone(pod);
    }

    String newUid() {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }

    String randomSuffix(int length) {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    // ---- scheduler ---------------------------------------------------------------------------------------------

    private boolean schedulePods() {
        boolean changed = false;
        for (SimPod pod : pods.onNode("")) {
            List<String> reasons = new ArrayList<>();
            Optional<SimNode> node = nodes.values().stream()
                    .filter(n -> fits(pod, n, reasons))
                    .min(Comparator.comparing((SimNode n) -> !n.name.equals(pod.nominatedNode))
                            .thenComparingLong(this::allocatedMillis));
            if (node.isPresent()) {
                bind(pod, node.get());
                changed = true;
            } else {
                // Karpenter's nomination is only a plan: when the node it launched is up (or gone) and others took its
                // room, the pod is pending again and Karpenter provisions anew.
                SimNode nominated = nodes.get(pod.nominatedNode);
                if (!pod.nominatedNode.isEmpty() && (nominated == null || nominated.schedulable())) {
                    pods.nominate(pod, "");
                    changed = true;
                }
                String message = unschedulableMessage(pod, reasons);
                if (!pod.reason.equals("Unschedulable") || message.contains("not found")) {
                    pod.reason = "Unschedulable";
                    event(pod.namespace, "Warning", "FailedScheduling", "Pod", pod.name, message, "default-scheduler");
                }
            }
        }
        return changed;
    }

    private String unschedulableMessage(SimPod pod, List<String> reasons) {
        Optional<String> volumeProblem = ebs.volumeProblem(pod);
        if (volumeProblem.isPresent()) {
            return volumeProblem.get();
        }
        long schedulable = nodes.values().stream().filter(n -> n.registered).count();
        Map<String, Long> counts = reasons.stream().collect(Collectors.groupingBy(r -> r, LinkedHashMap::new, Collectors.counting()));
        String detail = counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
        return "0/" + schedulable + " nodes are available" + (detail.isEmpty() ? "" : ": " + detail)
                + ". preemption: 0/" + schedulable + " nodes are available: " + schedulable + " Preemption is not helpful for scheduling.";
    }

    boolean fits(SimPod pod, SimNode node, List<String> reasons) {
        if (!node.registered) {
            return false;
        }
        if (node.draining) {
            reasons.add("node(s) had untolerated taint {karpenter.sh/disrupted: }");
            return false;
        }
        if (!node.schedulable()) {
            reasons.add("node(s) had untolerated taint {node.kubernetes.io/not-ready: }");
            return false;
        }
        boolean selectorMatches = pod.template.nodeSelector().entrySet().stream()
                .allMatch(e -> e.getValue().equals(node.labels.get(e.getKey())));
        if (!selectorMatches) {
            reasons.add("node(s) didn't match Pod's node affinity/selector");
            return false;
        }
        if (allocatedMillis(node) + pod.template.cpuMillis() > node.type.allocatableMillis()) {
            reasons.add("Insufficient cpu");
            return false;
        }
        if (!ebs.volumeFits(pod, node)) {
            reasons.add("node(s) had volume node affinity conflict");
            return false;
        }
        return true;
    }

    long allocatedMillis(SimNode node) {
        return pods.allocatedMillis(node.name);
    }

    private void bind(SimPod pod, SimNode node) {
        pods.bind(pod, node.name);
        pod.reason = "ContainerCreating";
        node.emptySince = null;
        event(pod.namespace, "Normal", "Scheduled", "Pod", pod.name,
                "Successfully assigned " + pod.namespace + "/" + pod.name + " to " + node.name, "default-scheduler");
        ebs.podScheduled(pod, node);
        after(Duration.ofMinutes(2), () -> {
            if (pods.isCurrent(pod) && !pod.running() && pod.node.equals(node.name)) {
                event(pod.namespace, "Warning", "FailedMount", "Pod", pod.name, "Unable to attach or mount volumes: "
                        + "unmounted volumes=[persistent-storage], unattached volumes=[persistent-storage], "
                        + "failed to process volumes=[]: timed out waiting for the condition", "kubelet");
            }
        });
    }

    // ---- kubelet -----------------------------------------------------------------------------------------------

    private boolean startContainers() {
        boolean changed = false;
        for (SimPod pod : pods.all()) {
            if (pod.startScheduled) {
                continue;
            }
            SimNode node = nodes.get(pod.node);
            if (node == null || !node.schedulable() || !ebs.mountable(pod, node)) {
                continue;
            }
            pod.startScheduled = true;
            changed = true;
            event(pod.namespace, "Normal", "Pulling", "Pod", pod.name, "Pulling image \"" + pod.template.image() + "\"", "kubelet");
            after(timings.containerStart(), () -> start(pod));
        }
        return changed;
    }

    private void start(SimPod pod) {
        SimNode node = nodes.get(pod.node);
        if (!pods.isCurrent(pod) || node == null || !node.schedulable()) {
            return;
        }
        event(pod.namespace, "Normal", "Pulled", "Pod", pod.name, "Successfully pulled image \"" + pod.template.image() + "\"", "kubelet");
        event(pod.namespace, "Normal", "Created", "Pod", pod.name, "Created container " + pod.owner.name, "kubelet");
        event(pod.namespace, "Normal", "Started", "Pod", pod.name, "Started container " + pod.owner.name, "kubelet");
        pod.phase = "Running";
        pod.reason = "";
        pod.ready = true;
        pod.template.writer().ifPresent(writer -> write(pod, writer, pod.containerGeneration));
    }

    private void write(SimPod pod, WriterLoop writer, int generation) {
        if (!pods.isCurrent(pod) || pod.containerGeneration != generation) {
            return;
        }
        ebs.append(pod, writer.path(), writer.nextLine(random, pod.name, ++pod.linesWritten));
        afterQuietly(writer.interval(), () -> write(pod, writer, generation));
    }

    /**
     * The node's kubelet stops: the node goes NotReady and, after the not-ready toleration (5 minutes), its pods
     * are marked for deletion but stay Terminating, holding their volumes, until the node is tainted out-of-service.
     */
    void stopKubelet(SimNode node) {
        node.ready = false;
        node.kubeletDown = true;
        event("", "Normal", "NodeNotReady", "Node", node.name, "Node " + node.name + " status is now: NodeNotReady", "node-controller");
        pods.onNode(node.name).forEach(this::stopContainer);
        after(Duration.ofMinutes(5), () -> pods.onNode(node.name).stream().filter(p -> !p.terminating)
                .forEach(p -> {
                    p.terminating = true;
                    p.reason = "Terminating";
                    event(p.namespace, "Normal", "TaintManagerEviction", "Pod", p.name,
                            "Marking for deletion Pod " + p.key(), "taint-eviction-controller");
                }));
    }

    /** node.kubernetes.io/out-of-service: the pods on the node are force-deleted and its volumes may detach at once. */
    void outOfService(SimNode node) {
        node.outOfService = true;
        pods.onNode(node.name).forEach(this::deletePod);
    }

    /** The container stops (its node is gone): no more writes, not ready. */
    void stopContainer(SimPod pod) {
        pod.containerGeneration++;
        pod.ready = false;
    }
}
