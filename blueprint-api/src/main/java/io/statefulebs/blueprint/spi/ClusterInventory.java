package io.statefulebs.blueprint.spi;

import io.statefulebs.blueprint.inventory.Inventory;
import io.statefulebs.blueprint.inventory.InventoryScope;

/**
 * Optional capability: a read-only snapshot of the objects the storage doctor examines, for one namespace or all.
 * Reading it changes nothing on the cluster (list calls only). Without it the doctor cannot run
 * ({@link io.statefulebs.blueprint.error.UnsupportedCapabilityException}).
 */
public interface ClusterInventory {
    Inventory inventory(InventoryScope scope);
}
