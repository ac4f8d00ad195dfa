package io.statefulebs.blueprint.spi;

import io.statefulebs.blueprint.inventory.Inventory;
import io.statefulebs.blueprint.inventory.InventoryScope;

/**
 * Optional capability: a read-only snapshot of the objects the storage doctor examines, for one namespace or all.
 * Reading it changes nothing on the cluster (list calls only). Without it the doctor cannot run
 * ({@link io.statefulebs.blueprint.error.UnsupportedCapabilityException}).
 */
public interface ClusterInventory {
    /**
     * Reads the snapshot.
     *
     * @param scope one namespace, or all
     * @return what the cluster holds in {@code scope} (cluster-scoped objects always)
     */
    Inventory inventory(InventoryScope scope);
}
