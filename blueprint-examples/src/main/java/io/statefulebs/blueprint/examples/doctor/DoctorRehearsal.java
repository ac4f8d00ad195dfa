package io.statefulebs.blueprint.examples.doctor;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.sim.NodePoolModel;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import io.statefulebs.blueprint.spec.WorkloadKind;

import java.time.Duration;

/**
 * A simulated cluster with the faults the storage doctor is for, to try it without a cluster ({@code doctor
 * --simulated --rehearse}): the blueprint's default Deployment (3 replicas sharing a ReadWriteOnce claim) in
 * eu-west-2a on a node whose CSINode takes one volume; a StatefulSet {@code db} whose StorageClass allows only
 * eu-west-2c while the NodePool launches in eu-west-2a and eu-west-2b; a VolumeAttachment left behind by a deleted
 * node; and a Released volume kept by reclaim policy Retain. The runs are left in place (the cluster is thrown away).
 */
public final class DoctorRehearsal {
    private DoctorRehearsal() {
    }

    public static SimulatedCluster cluster(long seed) {
        SimulatedCluster cluster = SimulatedCluster.builder().seed(seed)
                .nodePool(NodePoolModel.blueprintDefault().withRequirement(NodePoolModel.ZONE, "eu-west-2a", "eu-west-2b")).build();
        BlueprintRun shared = StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(cluster).runId("rehearsal-app").deploy();
        shared.awaitReady();
        StatefulEbsBlueprint.builder().zone("eu-west-2c").backend(cluster).runId("rehearsal-db").preflight(false)
                .storage(s -> s.storageClassName("db-gp3").claimName("data"))
                .workload(w -> w.name("db").kind(WorkloadKind.STATEFULSET).replicas(1)).deploy();
        cluster.advance(Duration.ofMinutes(3));
        cluster.plant().attachLimit(shared.nodes().get(0).name(), 1)
                .leakedAttachment("pvc-7c1e9a52-4b0d-4f7e-9d55-2a8f3c6e1b90", "ip-10-0-45-17.eu-west-2.compute.internal")
                .retainedVolume("pvc-0b6d2f4e-81a3-4c55-b7e2-5d9c1a3f8e21", "100Gi", "eu-west-2b", "default", "data-orders-0");
        cluster.advance(Duration.ofMinutes(10));
        return cluster;
    }
}
