package io.statefulebs.blueprint.sim;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pods of the simulated cluster, indexed by what the controllers look them up by: node, nominated node, claim,
 * owner and namespace. On a cluster shared by many runs, a controller's question about one node or one claim then
 * costs what that node or claim holds, not a scan of every run's pods. Every index lists its pods in creation order
 * (as the scan of all pods did), so the simulation stays the same, seed for seed. A pod's {@code node} and
 * {@code nominatedNode} change only through {@link #bind} and {@link #nominate}. Not thread-safe: guarded by the
 * cluster's lock.
 */
final class SimPods {
    private final Map<String, SimPod> byKey = new LinkedHashMap<>();
    private final Map<SimPod, Long> created = new HashMap<>();
    private final Map<String, TreeMap<Long, SimPod>> byNode = new HashMap<>();
    private final Map<String, TreeMap<Long, SimPod>> byNominatedNode = new HashMap<>();
    private final Map<String, TreeMap<Long, SimPod>> byClaim = new HashMap<>();
    private final Map<SimWorkload, TreeMap<Long, SimPod>> byOwner = new HashMap<>();
    private final Map<String, TreeMap<Long, SimPod>> byNamespace = new HashMap<>();
    /** The CPU the pods bound to each node request, in millicores. */
    private final Map<String, Long> cpuByNode = new HashMap<>();
    private long sequence;

    SimPod get(String key) {
        return byKey.get(key);
    }

    /** Whether {@code pod} is this cluster's current pod of its name (not one deleted since, nor a namesake's predecessor). */
    boolean isCurrent(SimPod pod) {
        return byKey.get(pod.key()) == pod;
    }

    /** {@return every pod, in creation order (a live view: copy it before adding or removing pods)} */
    Collection<SimPod> all() {
        return byKey.values();
    }

    int size() {
        return byKey.size();
    }

    void add(SimPod pod) {
        long at = sequence++;
        SimPod replaced = byKey.put(pod.key(), pod);
        if (replaced != null) {
            unindex(replaced);
        }
        created.put(pod, at);
        put(byNode, pod.node, pod, at);
        cpuByNode.merge(pod.node, pod.template.cpuMillis(), Long::sum);
        put(byNominatedNode, pod.nominatedNode, pod, at);
        put(byClaim, pod.claimKey, pod, at);
        put(byOwner, pod.owner, pod, at);
        put(byNamespace, pod.namespace, pod, at);
    }

    void remove(SimPod pod) {
        if (byKey.get(pod.key()) == pod) {
            byKey.remove(pod.key());
            unindex(pod);
        }
    }

    /** Binds the pod to {@code node} (the scheduler's binding). */
    void bind(SimPod pod, String node) {
        if (created.containsKey(pod)) {
            cpuByNode.merge(pod.node, -pod.template.cpuMillis(), Long::sum);
            cpuByNode.merge(node, pod.template.cpuMillis(), Long::sum);
        }
        move(byNode, pod, pod.node, node);
        pod.node = node;
    }

    /** Sets the node Karpenter launched for the pod ({@code ""} for none). */
    void nominate(SimPod pod, String node) {
        move(byNominatedNode, pod, pod.nominatedNode, node);
        pod.nominatedNode = node;
    }

    List<SimPod> onNode(String node) {
        return list(byNode, node);
    }

    /** {@return the CPU the pods bound to {@code node} request, in millicores} */
    long allocatedMillis(String node) {
        return cpuByNode.getOrDefault(node, 0L);
    }

    /** Whether a pod mounting the claim {@code namespace/name} is on {@code node} (any node for {@code null}). */
    boolean claimUsed(String claimKey, String node) {
        TreeMap<Long, SimPod> pods = claimKey == null ? null : byClaim.get(claimKey);
        if (pods == null || node == null) {
            return pods != null;
        }
        for (SimPod pod : pods.values()) {
            if (pod.node.equals(node)) {
                return true;
            }
        }
        return false;
    }

    boolean nodeEmpty(String node) {
        return !byNode.containsKey(node) && !byNominatedNode.containsKey(node);
    }

    List<SimPod> of(SimWorkload owner) {
        return list(byOwner, owner);
    }

    List<SimPod> in(String namespace) {
        return list(byNamespace, namespace);
    }

    private void unindex(SimPod pod) {
        Long at = created.remove(pod);
        drop(byNode, pod.node, at);
        cpuByNode.merge(pod.node, -pod.template.cpuMillis(), Long::sum);
        drop(byNominatedNode, pod.nominatedNode, at);
        drop(byClaim, pod.claimKey, at);
        drop(byOwner, pod.owner, at);
        drop(byNamespace, pod.namespace, at);
    }

    private void move(Map<String, TreeMap<Long, SimPod>> index, SimPod pod, String from, String to) {
        Long at = created.get(pod);
        if (at == null) {
            return;
        }
        drop(index, from, at);
        put(index, to, pod, at);
    }

    private static <K> void put(Map<K, TreeMap<Long, SimPod>> index, K key, SimPod pod, long at) {
        if (key != null) {
            index.computeIfAbsent(key, k -> new TreeMap<>()).put(at, pod);
        }
    }

    private static <K> void drop(Map<K, TreeMap<Long, SimPod>> index, K key, Long at) {
        TreeMap<Long, SimPod> pods = key == null ? null : index.get(key);
        if (pods != null) {
            pods.remove(at);
            if (pods.isEmpty()) {
                index.remove(key);
            }
        }
    }

    private static <K> List<SimPod> list(Map<K, TreeMap<Long, SimPod>> index, K key) {
        TreeMap<Long, SimPod> pods = index.get(key);
        return pods == null ? List.of() : List.copyOf(pods.values());
    }
}
