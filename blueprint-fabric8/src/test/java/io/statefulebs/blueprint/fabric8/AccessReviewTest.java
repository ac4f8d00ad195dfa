package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.error.ForbiddenException;
import io.statefulebs.blueprint.spi.AccessDenial;
import io.statefulebs.blueprint.spi.ResourceRef;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The backend's SelfSubjectAccessReviews: what is asked, how a denial reads, and that a refused deploy sends no write. */
class AccessReviewTest extends MockClusterTest {
    private static final String REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
    private static final ResourceRef ANY_ATTACHMENT = new ResourceRef("storage.k8s.io/v1", "VolumeAttachment", null, "");

    @Test
    void aDenialNamesTheVerbTheResourceAndTheRoleThatGrantsIt() {
        cluster.server().expect().post().withPath(REVIEWS).andReturn(201, decision(false)).once();
        cluster.drainRequests();

        assertThat(backend.review("delete", ANY_ATTACHMENT)).hasValue(new AccessDenial("delete", "volumeattachments.storage.k8s.io",
                null, "granted by the ClusterRole stateful-ebs-blueprint-recovery of the classpath resource " + ApiErrors.RBAC_RESOURCE));

        assertAsked(cluster.drainRequests().get(0), "delete", "storage.k8s.io", "volumeattachments");
    }

    @Test
    void anAllowedOrUndecidedReviewIsNoDenial() {
        cluster.server().expect().post().withPath(REVIEWS).andReturn(201, decision(true)).once();
        cluster.server().expect().post().withPath(REVIEWS).andReturn(500, "").always();

        assertThat(backend.review("patch", new ResourceRef("v1", "Node", null, "ip-10-0-1-1"))).isEmpty();
        assertThat(backend.review("patch", new ResourceRef("v1", "Node", null, "ip-10-0-1-1"))).isEmpty();
    }

    @Test
    void aDeployTheIdentityMayNotFinishIsRefusedBeforeItsFirstWrite() {
        cluster.server().expect().post().withPath(REVIEWS).andReturn(201, decision(false)).always();
        cluster.drainRequests();

        assertThatThrownBy(() -> StatefulEbsBlueprint.builder().namespace("team").zone("eu-west-2a").runId("refused")
                .preflight(false).backend(backend).deploy())
                .isInstanceOfSatisfying(ForbiddenException.class, e -> {
                    assertThat(e.verb()).isEqualTo("create");
                    assertThat(e.resource()).isEqualTo("storageclasses.storage.k8s.io");
                })
                .hasMessageContaining("'create' on 'storageclasses.storage.k8s.io' (cluster-wide) (granted by the ClusterRole"
                        + " stateful-ebs-blueprint-storageclass")
                .hasMessageContaining("'delete' on 'persistentvolumeclaims' in namespace 'team' (granted by the Role"
                        + " stateful-ebs-blueprint")
                .hasMessageContaining("nothing was changed");

        List<RecordedRequest> requests = cluster.drainRequests();
        assertThat(requests).filteredOn(r -> !r.getMethod().equals("GET")).extracting(RecordedRequest::getPath)
                .isNotEmpty().allMatch(REVIEWS::equals);
    }

    @Test
    void aYesForTheWholeResourceAnswersEveryNamespaceAndObject() {
        cluster.server().expect().post().withPath(REVIEWS).andReturn(201, decision(true)).once();
        cluster.drainRequests();

        assertThat(backend.review("create", ResourceRef.claim("team-a", "data"))).isEmpty();
        assertThat(backend.review("create", ResourceRef.claim("team-b", "other"))).isEmpty();

        List<RecordedRequest> sent = cluster.drainRequests();
        assertThat(sent).hasSize(1);
        assertAsked(sent.get(0), "create", "", "persistentvolumeclaims");
    }

    @Test
    void aNoAboutTheObjectIsAskedAgainSoAGrantCountsAtOnce() {
        cluster.server().expect().post().withPath(REVIEWS).andReturn(201, decision(false)).times(2);
        cluster.server().expect().post().withPath(REVIEWS).andReturn(201, decision(true)).once();
        cluster.drainRequests();
        ResourceRef claim = ResourceRef.claim("team", "data");

        assertThat(backend.review("delete", claim)).hasValueSatisfying(d -> assertThat(d.namespace()).isEqualTo("team"));
        assertThat(backend.review("delete", claim)).as("granted in between").isEmpty();

        assertThat(cluster.drainRequests()).as("the broad no is kept, the no about the claim is not").hasSize(3);
    }

    /** {@code sent} asked about {@code verb} on every {@code resource} of {@code group}, in every namespace. */
    private void assertAsked(RecordedRequest sent, String verb, String group, String resource) {
        SelfSubjectAccessReview asked = client.getKubernetesSerialization().unmarshal(sent.getBody().readUtf8(),
                SelfSubjectAccessReview.class);
        assertThat(asked.getSpec().getResourceAttributes()).satisfies(a -> {
            assertThat(a.getVerb()).isEqualTo(verb);
            assertThat(a.getGroup()).isEqualTo(group);
            assertThat(a.getResource()).isEqualTo(resource);
            assertThat(a.getNamespace()).isNull();
            assertThat(a.getName()).isNull();
        });
    }

    private static SelfSubjectAccessReview decision(boolean allowed) {
        return new SelfSubjectAccessReviewBuilder().withNewStatus().withAllowed(allowed).endStatus().build();
    }
}
