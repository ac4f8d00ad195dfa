package io.statefulebs.blueprint.aws;

import io.statefulebs.blueprint.aws.AwsWire.Volume;
import io.statefulebs.blueprint.aws.FakeAws.Reply;
import io.statefulebs.blueprint.view.EbsVolumeView;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The driver's unattached volumes from DescribeVolumes, on answers moto does not give (pages, missing fields, denial). */
class Ec2CloudVolumeSourceTest {
    private static final String VOLUMES = "ec2:DescribeVolumes";
    private static final String CREATED = "2026-11-20T08:00:00.000Z";

    @AutoClose
    private final FakeAws aws = FakeAws.started();

    @Test
    void asksForAvailableDriverVolumesAndReadsEveryPage() {
        aws.on(VOLUMES,
                Reply.ec2(AwsWire.volumes("page-2", new Volume("vol-1", "eu-west-2a", 100, "available", CREATED,
                        "ebs.csi.aws.com/cluster", "true", "CSIVolumeName", "pvc-1",
                        "kubernetes.io/created-for/pvc/namespace", "shop", "kubernetes.io/created-for/pvc/name", "data-db-0"))),
                Reply.ec2(AwsWire.volumes(null, new Volume("vol-2", "eu-west-2b", 8, "available", CREATED,
                        "ebs.csi.aws.com/cluster", "true", "CSIVolumeName", "pvc-2"))));

        List<EbsVolumeView> volumes;
        try (AwsLookups lookups = aws.lookups().build()) {
            volumes = lookups.cloudVolumeSource().availableDriverVolumes();
        }

        assertThat(volumes).extracting(EbsVolumeView::volumeId).containsExactly("vol-1", "vol-2");
        assertThat(volumes.get(0)).satisfies(v -> {
            assertThat(v.sizeGiB()).isEqualTo(100);
            assertThat(v.zone()).isEqualTo("eu-west-2a");
            assertThat(v.type()).isEqualTo("gp3");
            assertThat(v.createdAt()).isEqualTo(Instant.parse(CREATED));
            assertThat(v.persistentVolumeName()).contains("pvc-1");
            assertThat(v.claim()).contains("shop/data-db-0");
        });
        assertThat(aws.requests(VOLUMES)).hasSize(2);
        assertThat(aws.requests(VOLUMES).get(0).form())
                .containsEntry("Filter.1.Name", "status").containsEntry("Filter.1.Value.1", "available")
                .containsEntry("Filter.2.Name", "tag:ebs.csi.aws.com/cluster").containsEntry("Filter.2.Value.1", "true");
        assertThat(aws.requests(VOLUMES).get(1).form()).containsEntry("NextToken", "page-2");
    }

    @Test
    void dropsWhatTheFiltersShouldHaveLeftOutAndVolumesOfAnotherCluster() {
        aws.on(VOLUMES, Reply.ec2(AwsWire.volumes(null,
                new Volume("vol-attached", "eu-west-2a", 10, "in-use", CREATED, "ebs.csi.aws.com/cluster", "true"),
                new Volume("vol-by-hand", "eu-west-2a", 10, "available", CREATED, "Name", "scratch"),
                new Volume("vol-other", "eu-west-2a", 10, "available", CREATED, "ebs.csi.aws.com/cluster", "true",
                        "kubernetes.io/cluster/other", "owned"),
                new Volume("vol-ours", "eu-west-2a", 10, "available", CREATED, "ebs.csi.aws.com/cluster", "true",
                        "kubernetes.io/cluster/blueprints", "owned"),
                new Volume("vol-untagged-cluster", "eu-west-2a", 10, "available", CREATED, "ebs.csi.aws.com/cluster", "true"))));

        try (AwsLookups lookups = aws.lookups().clusterName("blueprints").build()) {
            assertThat(lookups.cloudVolumeSource().availableDriverVolumes()).extracting(EbsVolumeView::volumeId)
                    .containsExactly("vol-ours", "vol-untagged-cluster");
        }
        try (AwsLookups lookups = aws.lookups().build()) {
            assertThat(lookups.cloudVolumeSource().availableDriverVolumes()).extracting(EbsVolumeView::volumeId)
                    .containsExactly("vol-other", "vol-ours", "vol-untagged-cluster");
        }
    }

    @Test
    void aVolumeWithoutItsSizeIsReportedNotDereferenced() {
        aws.on(VOLUMES, Reply.ec2(AwsWire.volumes(null,
                new Volume("vol-1", "eu-west-2a", null, "available", CREATED, "ebs.csi.aws.com/cluster", "true"))));

        try (AwsLookups lookups = aws.lookups().build()) {
            assertThatThrownBy(() -> lookups.cloudVolumeSource().availableDriverVolumes())
                    .isInstanceOf(AwsLookupException.class)
                    .hasMessageContaining("EC2 DescribeVolumes answered without volumes[].size (volume vol-1)");
        }
    }

    @Test
    void aDenialNamesTheIamAction() {
        aws.on(VOLUMES, Reply.ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation."));

        try (AwsLookups lookups = aws.lookups().build()) {
            assertThatThrownBy(() -> lookups.cloudVolumeSource().availableDriverVolumes())
                    .isInstanceOf(AwsLookupException.class)
                    .hasMessageContaining("grant the IAM action ec2:DescribeVolumes");
        }
    }

    @Test
    void tagsAreCopiedAndSorted() {
        EbsVolumeView view = new EbsVolumeView("vol-1", "eu-west-2a", 1, "gp3", "available", Instant.parse(CREATED),
                Map.of("b", "2", "a", "1"));
        assertThat(view.tags().keySet()).containsExactly("a", "b");
        assertThatThrownBy(() -> new EbsVolumeView("vol-1", "eu-west-2a", 0, "gp3", "available", Instant.parse(CREATED), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sizeGiB is 0 for volume vol-1");
    }
}
