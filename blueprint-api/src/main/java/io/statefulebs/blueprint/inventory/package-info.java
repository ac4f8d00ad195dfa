/**
 * A read-only snapshot of what the stateful workloads of a cluster stand on ({@link io.statefulebs.blueprint.inventory.Inventory}):
 * pods with their placement constraints, claims, persistent volumes, StorageClasses, VolumeAttachments, nodes, Karpenter's
 * NodeClaims and NodePools, CSINodes, CSIDrivers, PodDisruptionBudgets and events, as API-neutral records. A backend
 * offers it through {@link io.statefulebs.blueprint.spi.ClusterInventory}; the storage doctor reads nothing else.
 */
package io.statefulebs.blueprint.inventory;
