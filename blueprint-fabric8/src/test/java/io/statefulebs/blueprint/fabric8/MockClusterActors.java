package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.statefulebs.blueprint.testkit.ClusterActors;

import java.util.Map;

/** Plays the EBS CSI provisioner, the scheduler and the kubelet against the mock server, from the contract's actor thread. */
final class MockClusterActors implements ClusterActors {
    private final MockCluster cluster;
    private final KubernetesClient client;

    MockClusterActors(MockCluster cluster) {
        this.cluster = cluster;
        this.client = cluster.client();
    }

    @Override
    public void bindClaim(String namespace, String claim, String zone) {
        cluster.awaitAnyWatch();
        PersistentVolumeClaim pending = client.persistentVolumeClaims().inNamespace(namespace).withName(claim).get();
        Quantity size = pending.getSpec().getResources().getRequests().get("storage");
        String volumeName = "pvc-" + pending.getMetadata().getUid();
        PersistentVolume volume = new PersistentVolumeBuilder(ClusterObjects.ebsVolume(volumeName, zone))
                .editSpec().addToCapacity("storage", size).withAccessModes(pending.getSpec().getAccessModes())
                .withStorageClassName(pending.getSpec().getStorageClassName())
                .withClaimRef(new ObjectReferenceBuilder().withNamespace(namespace).withName(claim).build()).endSpec()
                .build();
        client.persistentVolumes().resource(volume).create();
        client.persistentVolumeClaims().inNamespace(namespace).resource(new PersistentVolumeClaimBuilder(pending)
                .editSpec().withVolumeName(volumeName).endSpec()
                .withNewStatus().withPhase("Bound").addToCapacity("storage", size)
                .withAccessModes(pending.getSpec().getAccessModes()).endStatus().build()).update();
    }

    @Override
    public void runPods(String namespace, Map<String, String> podLabels, int count, String zone) {
        cluster.awaitAnyWatch();
        String node = "ip-10-0-0-1." + zone;
        if (client.nodes().withName(node).get() == null) {
            client.nodes().resource(ClusterObjects.karpenterNode(node, zone)).create();
        }
        Deployment deployment = client.apps().deployments().inNamespace(namespace).list().getItems().stream()
                .filter(d -> ObjectSource.matches(podLabels, d.getSpec().getSelector().getMatchLabels()))
                .findFirst().orElseThrow(() -> new IllegalStateException("no Deployment selects " + podLabels));
        PodTemplateSpec template = deployment.getSpec().getTemplate();
        for (int i = 0; i < count; i++) {
            Pod pod = new PodBuilder().withNewMetadata().withNamespace(namespace)
                    .withName(deployment.getMetadata().getName() + "-" + i).withLabels(podLabels).endMetadata()
                    .withSpec(template.getSpec()).build();
            client.pods().inNamespace(namespace).resource(ClusterObjects.running(pod, node)).create();
        }
    }
}
