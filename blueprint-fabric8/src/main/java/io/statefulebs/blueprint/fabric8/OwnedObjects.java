package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The runs' own pods and claims as the backend's informers (selected by the library's {@code managed-by} label) see
 * them, and the volumes bound to those claims: what decides which events, volumes and attachments, none of which
 * carries a run label, are worth caching. When they change, the {@link FilteredItemStore}s are rechecked.
 */
final class OwnedObjects {
    private static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "ReplicaSet", "StatefulSet");

    private final Set<String> pods = ConcurrentHashMap.newKeySet();
    private final Set<String> claims = ConcurrentHashMap.newKeySet();
    private final Set<String> volumes = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> namespaces = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    void pod(String namespace, String name, boolean present) {
        track(pods, namespace, name, present);
    }

    void claim(String namespace, String name, boolean present) {
        track(claims, namespace, name, present);
    }

    void volume(String name, boolean present) {
        boolean changed = present ? volumes.add(name) : volumes.remove(name);
        if (changed) {
            listeners.forEach(Runnable::run);
        }
    }

    /** The volumes bound to runs' claims are {@code names} now. */
    void retainVolumes(java.util.Collection<String> names) {
        boolean changed = volumes.retainAll(Set.copyOf(names)) | volumes.addAll(names);
        if (changed) {
            listeners.forEach(Runnable::run);
        }
    }

    /** Runs {@code listener} after every change; returns what removes it. */
    Runnable onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Events about a run's pod or claim, or about the workload objects in a namespace where runs have objects. */
    boolean about(Event event) {
        ObjectReference involved = event.getInvolvedObject();
        if (involved == null || involved.getKind() == null) {
            return false;
        }
        String namespace = involved.getNamespace() == null ? "" : involved.getNamespace();
        String key = namespace + "/" + involved.getName();
        return switch (involved.getKind()) {
            case "Pod" -> pods.contains(key);
            case "PersistentVolumeClaim" -> claims.contains(key);
            default -> WORKLOAD_KINDS.contains(involved.getKind()) && namespaces.containsKey(namespace);
        };
    }

    /** Volumes bound to a run's claim. */
    boolean boundToOwnClaim(PersistentVolume volume) {
        ObjectReference claim = volume.getSpec() == null ? null : volume.getSpec().getClaimRef();
        return claim != null && claims.contains(claim.getNamespace() + "/" + claim.getName());
    }

    /** Attachments of a volume bound to a run's claim. */
    boolean ofOwnVolume(VolumeAttachment attachment) {
        return attachment.getSpec() != null && attachment.getSpec().getSource() != null
                && attachment.getSpec().getSource().getPersistentVolumeName() != null
                && volumes.contains(attachment.getSpec().getSource().getPersistentVolumeName());
    }

    private void track(Set<String> keys, String namespace, String name, boolean present) {
        String key = namespace + "/" + name;
        boolean changed = present ? keys.add(key) : keys.remove(key);
        if (changed) {
            namespaces.merge(namespace, present ? 1 : -1, (a, b) -> a + b == 0 ? null : a + b);
            listeners.forEach(Runnable::run);
        }
    }
}
