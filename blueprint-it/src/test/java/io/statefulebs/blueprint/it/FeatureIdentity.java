package io.statefulebs.blueprint.it;

import java.util.List;

/**
 * The identities blueprint-it runs the library as: each a ServiceAccount in {@link #NAMESPACE} bound only to the roles
 * of rbac.yaml that its feature needs (never cluster-admin). The harness itself (provisioner, containers, fixtures)
 * keeps the admin kubeconfig. The audit policy of the tier records exactly these ServiceAccounts' requests.
 */
enum FeatureIdentity {
    /** The walkthrough and its variants: deploy (with the preflight), waits, readFile, failover, scale, cleanup. */
    WALKTHROUGH("walkthrough", List.of(Roles.BASE, Roles.BASE_CLUSTER, Roles.PREFLIGHT, Roles.STORAGE_CLASS)),
    /** recoverMultiAttach with the destructive policies: the walkthrough's roles and the recovery role. */
    RECOVERY("recovery", List.of(Roles.BASE, Roles.BASE_CLUSTER, Roles.PREFLIGHT, Roles.STORAGE_CLASS, Roles.RECOVERY)),
    /**
     * The backend contract, which calls every capability: apply (server-side, as adopt does), NodeRepair and the
     * inventory included.
     */
    CONTRACT("contract", List.of(Roles.BASE, Roles.BASE_CLUSTER, Roles.PREFLIGHT, Roles.STORAGE_CLASS, Roles.ADOPT,
            Roles.ADOPT_CLUSTER, Roles.RECOVERY, Roles.READ_ONLY, Roles.READ_ONLY_NAMESPACED)),
    /** disruptNode: the walkthrough's roles and the disruption role (Karpenter replaces the run's node). */
    DISRUPTION("disruption", List.of(Roles.BASE, Roles.BASE_CLUSTER, Roles.PREFLIGHT, Roles.STORAGE_CLASS, Roles.DISRUPTION)),
    /** The preflight alone and the doctor's reads. */
    READ_ONLY("read-only", List.of(Roles.READ_ONLY, Roles.READ_ONLY_NAMESPACED, Roles.PREFLIGHT));

    static final String NAMESPACE = "statefulebs-it";

    private final String serviceAccount;
    private final List<RoleRef> roles;

    FeatureIdentity(String serviceAccount, List<RoleRef> roles) {
        this.serviceAccount = serviceAccount;
        this.roles = roles;
    }

    String serviceAccount() {
        return serviceAccount;
    }

    /** The user name the API server (and its audit log) knows the identity by. */
    String userName() {
        return "system:serviceaccount:" + NAMESPACE + ":" + serviceAccount;
    }

    List<RoleRef> roles() {
        return roles;
    }

    /**
     * A role of rbac.yaml: {@code kind} Role or ClusterRole, and where a binding grants it: in each namespace a test uses
     * ({@code perNamespace}), in one fixed namespace (a Role of kube-system), or cluster-wide.
     */
    record RoleRef(String kind, String name, boolean perNamespace) {
        String key() {
            return kind + "/" + name;
        }
    }

    /** The roles of rbac.yaml, as the tier binds them. */
    static final class Roles {
        static final RoleRef BASE = new RoleRef("Role", "stateful-ebs-blueprint", true);
        static final RoleRef BASE_CLUSTER = new RoleRef("ClusterRole", "stateful-ebs-blueprint", false);
        static final RoleRef PREFLIGHT = new RoleRef("Role", "stateful-ebs-blueprint-preflight", false);
        static final RoleRef STORAGE_CLASS = new RoleRef("ClusterRole", "stateful-ebs-blueprint-storageclass", false);
        static final RoleRef ADOPT = new RoleRef("Role", "stateful-ebs-blueprint-adopt", true);
        static final RoleRef ADOPT_CLUSTER = new RoleRef("ClusterRole", "stateful-ebs-blueprint-adopt", false);
        static final RoleRef RECOVERY = new RoleRef("ClusterRole", "stateful-ebs-blueprint-recovery", false);
        static final RoleRef DISRUPTION = new RoleRef("ClusterRole", "stateful-ebs-blueprint-disruption", false);
        static final RoleRef READ_ONLY = new RoleRef("ClusterRole", "stateful-ebs-blueprint-read-only", false);
        /** A ClusterRole bound per namespace (a RoleBinding), as for the doctor on one namespace. */
        static final RoleRef READ_ONLY_NAMESPACED = new RoleRef("ClusterRole", "stateful-ebs-blueprint-read-only-namespaced", true);

        static final List<RoleRef> ALL = List.of(BASE, BASE_CLUSTER, PREFLIGHT, STORAGE_CLASS, ADOPT, ADOPT_CLUSTER, RECOVERY,
                DISRUPTION, READ_ONLY, READ_ONLY_NAMESPACED);

        private Roles() {
        }
    }
}
