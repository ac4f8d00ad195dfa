package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * An informer's store that keeps only the objects about the runs' own ones (events about their pods and claims, the
 * volumes bound to their claims, those volumes' attachments): objects that carry no run label are filtered before
 * they are cached, so a busy namespace or cluster costs memory for what the runs touch only. An object refused because
 * what it is about is not known yet (an event whose pod the pod informer has not delivered) waits in a bounded buffer
 * and is taken in by {@link #recheck()} once that object is known. What is kept either stays until the API server
 * deletes it ({@code untilDeleted}: a volume, whose deletion cleanup waits for after its claim is gone) or goes at the
 * first recheck that finds it no longer wanted (an event of a deleted pod). Thread-safe: the informer writes, waits
 * read, and the owned objects' informers recheck.
 *
 * @param <T> the object type
 */
final class FilteredItemStore<T extends HasMetadata> implements ItemStore<T> {
    /** Refused objects kept for a recheck: enough for a burst of events ahead of their pod, bounded whatever the cluster. */
    static final int PENDING_LIMIT = 1_000;

    private final Predicate<T> wanted;
    private final boolean untilDeleted;
    private final Map<String, T> kept = new LinkedHashMap<>();
    private final Map<String, T> pending = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, T> eldest) {
            return size() > PENDING_LIMIT;
        }
    };

    FilteredItemStore(Predicate<T> wanted, boolean untilDeleted) {
        this.wanted = wanted;
        this.untilDeleted = untilDeleted;
    }

    @Override
    public String getKey(T object) {
        return Cache.metaNamespaceKeyFunc(object);
    }

    @Override
    public synchronized T put(String key, T object) {
        if (wanted.test(object) || untilDeleted && kept.containsKey(key)) {
            pending.remove(key);
            return kept.put(key, object);
        }
        pending.put(key, object);
        return kept.remove(key);
    }

    @Override
    public synchronized T remove(String key) {
        pending.remove(key);
        return kept.remove(key);
    }

    @Override
    public synchronized Stream<String> keySet() {
        return List.copyOf(kept.keySet()).stream();
    }

    @Override
    public synchronized Stream<T> values() {
        return List.copyOf(kept.values()).stream();
    }

    @Override
    public synchronized int size() {
        return kept.size();
    }

    @Override
    public synchronized T get(String key) {
        return kept.get(key);
    }

    /**
     * Takes in the waiting objects that are wanted now and drops the kept ones that are not; returns whether the store
     * changed.
     */
    synchronized boolean recheck() {
        boolean changed = false;
        for (Map.Entry<String, T> entry : new ArrayList<>(pending.entrySet())) {
            if (wanted.test(entry.getValue())) {
                pending.remove(entry.getKey());
                kept.put(entry.getKey(), entry.getValue());
                changed = true;
            }
        }
        for (Map.Entry<String, T> entry : untilDeleted ? List.<Map.Entry<String, T>>of() : new ArrayList<>(kept.entrySet())) {
            if (!wanted.test(entry.getValue())) {
                kept.remove(entry.getKey());
                changed = true;
            }
        }
        return changed;
    }
}
