package io.statefulebs.blueprint.fabric8;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A refusal names the role of the shipped rbac.yaml that grants what is missing. */
class RbacManifestTest {
    private final RbacManifest rbac = RbacManifest.shipped();

    @Test
    void namesTheRoleOfEachFeature() {
        assertThat(rbac.grantAdvice("create", "storageclasses", "storage.k8s.io"))
                .startsWith("granted by the ClusterRole stateful-ebs-blueprint-storageclass of");
        assertThat(rbac.grantAdvice(RequiredAccess.of("patch", "nodes", "", null)))
                .startsWith("granted by the ClusterRole stateful-ebs-blueprint-recovery of");
        assertThat(rbac.grantAdvice(RequiredAccess.of("delete", "pods", "", "team"))).startsWith("granted by the Role stateful-ebs-blueprint of");
    }

    @Test
    void anInformersListAndWatchMustComeFromOneRule() {
        assertThat(rbac.grantAdvice(RequiredAccess.of("list,watch", "pods", "", "team"))).startsWith("granted by the Role stateful-ebs-blueprint of");
        // The read-only role lists pods but never watches them.
        assertThat(rbac.grantAdvice(RequiredAccess.of("list", "pods", "", "team")))
                .contains("Role stateful-ebs-blueprint").contains("ClusterRole stateful-ebs-blueprint-read-only-namespaced");
    }

    @Test
    void rulesLimitedByNameAndUnknownResourcesPointToTheFile() {
        assertThat(rbac.grantAdvice("get", "daemonsets", "apps")).isEqualTo("see the classpath resource " + ApiErrors.RBAC_RESOURCE);
        assertThat(rbac.grantAdvice("delete", "nodes", "")).isEqualTo("see the classpath resource " + ApiErrors.RBAC_RESOURCE);
    }
}
