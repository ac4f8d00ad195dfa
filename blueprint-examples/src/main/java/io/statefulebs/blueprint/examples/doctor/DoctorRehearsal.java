package io.statefulebs.blueprint.examples.doctor;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.inventory.PodDetails;
import io.statefulebs.blueprint.render.OwnershipLabels;
import io.statefulebs.blueprint.sim.SimPlanting;
import io.statefulebs.blueprint.view.LabelSelector;
import io.statefulebs.blueprint.view.NodeRequirement;
import io.statefulebs.blueprint.sim.ForeignManifests;
import io.statefulebs.blueprint.sim.NodePoolModel;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import io.statefulebs.blueprint.spec.WorkloadKind;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A simulated cluster with the faults the storage doctor is for, to try it without a cluster ({@code doctor
 * --simulated --rehearse}): the blueprint's default Deployment (3 replicas sharing a ReadWriteOnce claim) in
 * eu-west-2a on a node whose CSINode takes one volume; a StatefulSet {@code db} whose StorageClass allows only
 * eu-west-2c while the NodePool launches in eu-west-2a and eu-west-2b; a StatefulSet {@code web} scaled from 2 to 1
 * (under a PodDisruptionBudget) whose second replica is Pending because its topology spread (selecting by
 * {@code matchExpressions}) forbids the zone of its volume; a Pending pod {@code cache-0} whose claim is too small for its StorageClass's gp3 {@code iops}
 * and which finds no free attachment slot on the NodePool's nodes; a VolumeAttachment left behind by a deleted node;
 * a Released volume kept by reclaim policy Retain; and an EBS volume the driver left behind (listed by the cluster as
 * {@code CloudVolumeSource}). The runs are left in place (the cluster is thrown away).
 */
public final class DoctorRehearsal {
    private static final String ZONE = "topology.kubernetes.io/zone";

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
        BlueprintRun web = StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(cluster).runId("rehearsal-web")
                .storage(s -> s.storageClassName("web-gp3").claimName("data"))
                .workload(w -> w.name("web").kind(WorkloadKind.STATEFULSET).replicas(2)).deploy();
        web.awaitReady();
        web.scale(1).awaitReady();
        cluster.apply(ForeignManifests.storageClass("fast-gp3", "ebs.csi.aws.com", "WaitForFirstConsumer",
                Map.of("type", "gp3", "iops", "8000")));
        cluster.apply(ForeignManifests.claim("default", "data-cache-0", "fast-gp3", "4Gi"));
        cluster.plant().leftBehindVolume("vol-0a1b2c3d4e5f60718", 200, "eu-west-2b", "pvc-5e2a7c19-0d4b-4b8e-a6f1-93c2d7e4b806",
                "default", "data-orders-1");
        cluster.advance(Duration.ofMinutes(3));
        String webApp = web.pods().get(0).labels().get(OwnershipLabels.APP);
        PodDetails.SpreadConstraint spread = new PodDetails.SpreadConstraint(ZONE, 1, "DoNotSchedule",
                new LabelSelector(Map.of(), List.of(new NodeRequirement(OwnershipLabels.APP, "In", List.of(webApp)))), List.of());
        SimPlanting plant = cluster.plant().attachLimit(shared.nodes().get(0).name(), 1)
                .disruptionBudget("default", "web", Map.of(OwnershipLabels.APP, webApp))
                .pendingPod("default", "web-1", "data-web-1", Map.of(OwnershipLabels.APP, webApp), List.of(spread))
                .pendingPod("default", "cache-0", "data-cache-0", Map.of(OwnershipLabels.APP, "cache"), List.of())
                .leakedAttachment("pvc-7c1e9a52-4b0d-4f7e-9d55-2a8f3c6e1b90", "ip-10-0-45-17.eu-west-2.compute.internal")
                .retainedVolume("pvc-0b6d2f4e-81a3-4c55-b7e2-5d9c1a3f8e21", "100Gi", "eu-west-2b", "default", "data-orders-0");
        // Every node's slots taken: cache-0 waits for Karpenter (attach-headroom).
        web.nodes().forEach(n -> plant.attachLimit(n.name(), 1));
        cluster.advance(Duration.ofMinutes(10));
        return cluster;
    }
}
