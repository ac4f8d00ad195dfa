/**
 * The embedded simulated cluster: {@link io.statefulebs.blueprint.sim.SimulatedCluster} models Karpenter, the EBS CSI
 * driver, the scheduler and kubelets in virtual time, with fault hooks for rehearsals. It is the backend used when no
 * other is configured.
 */
package io.statefulebs.blueprint.sim;
