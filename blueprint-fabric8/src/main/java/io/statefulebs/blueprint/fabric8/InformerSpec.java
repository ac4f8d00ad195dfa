package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Informable;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One informer of {@link InformerCaches}: its key (resource and scope, the same for every run that reads it), the
 * permission it needs, where it lists and watches, the filter applied before caching (null: cache what the source
 * selects) and whether what passed it stays until deleted, what it tells {@link OwnedObjects}, and the informers its
 * filter needs running first.
 *
 * @param <T> the object type
 */
record InformerSpec<T extends HasMetadata>(String key, RequiredAccess access, Supplier<? extends Informable<T>> source,
                                           Predicate<T> filter, boolean keptUntilDeleted, Tracker<T> tracker,
                                           List<InformerSpec<?>> needs) {

    /** {@return whether it watches every namespace (or a cluster-scoped resource): one informer for all the runs} */
    boolean clusterWide() {
        return access.namespace() == null;
    }

    /** What an informer's objects tell {@link OwnedObjects}. */
    interface Tracker<T extends HasMetadata> {
        /** {@code present}: the object is cached now; false once deleted or dropped. */
        void seen(T object, boolean present);

        /** After a recheck of the filtered store changed what it keeps. */
        default void afterRecheck(FilteredItemStore<T> store) {
        }

        /** The informer stopped: its objects are no longer seen. */
        default void stopped(List<T> objects) {
            objects.forEach(object -> seen(object, false));
        }
    }

    static <T extends HasMetadata> Tracker<T> tellsNothing() {
        return (object, present) -> { };
    }
}
