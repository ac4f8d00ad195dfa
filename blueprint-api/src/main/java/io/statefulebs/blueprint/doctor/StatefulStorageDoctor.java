package io.statefulebs.blueprint.doctor;

import io.statefulebs.blueprint.error.UnsupportedCapabilityException;
import io.statefulebs.blueprint.inventory.Inventory;
import io.statefulebs.blueprint.inventory.InventoryScope;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spi.CloudVolumeSource;
import io.statefulebs.blueprint.spi.ClusterInventory;
import io.statefulebs.blueprint.spi.ZoneSource;
import io.statefulebs.blueprint.view.AvailabilityZone;
import io.statefulebs.blueprint.view.EbsVolumeView;
import io.statefulebs.blueprint.view.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Explains what is wrong with the stateful workloads on a cluster, whoever deployed them. It reads one
 * {@link Inventory} through the backend's {@link ClusterInventory} capability (list calls only; it changes nothing)
 * and returns a {@link DoctorReport}:
 *
 * <pre>{@code
 * DoctorReport report = StatefulStorageDoctor.on(backend).examine("shop");   // or examineAllNamespaces()
 * report.findings().forEach(f -> System.out.println(f.severity() + " " + f.check() + ": " + f.cause()));
 * }</pre>
 *
 * With {@link #zones(ZoneSource)} (e.g. {@code blueprint-aws}'s EC2 lookups) placement also accounts for the zones
 * where the cluster has subnets, and with {@link #volumes(CloudVolumeSource)} it also reports the EBS volumes the CSI
 * driver left behind. Immutable and thread-safe; {@link #diagnose(Inventory)} runs the same rules on an
 * inventory read elsewhere.
 */
public final class StatefulStorageDoctor {
    private static final List<Rule> RULES = List.of(new PendingPlacementRule(), new MultiAttachRule(), new StaleAttachmentRule(),
            new VolumeDetachRule(), new AttachCapacityRule(), new AttachHeadroomRule(), new SharedRwoClaimRule(), new CsiDriverRule(),
            new ImmediateBindingRule(), new DisruptionRule(), new Gp3ParametersRule(), new RetainedVolumeRule(),
            new LeftBehindVolumeRule());

    private final ClusterBackend backend;
    private final ZoneSource zones;
    private final CloudVolumeSource volumes;

    private StatefulStorageDoctor(ClusterBackend backend, ZoneSource zones, CloudVolumeSource volumes) {
        this.backend = backend;
        this.zones = zones;
        this.volumes = volumes;
    }

    /**
     * A doctor reading {@code backend}'s cluster; the backend must offer {@link ClusterInventory}
     * ({@link UnsupportedCapabilityException} otherwise). The backend is not closed by the doctor.
     *
     * @param backend the backend to read the cluster through
     * @return a doctor without subnet zones
     * @throws UnsupportedCapabilityException if {@code backend} does not offer {@link ClusterInventory}
     */
    public static StatefulStorageDoctor on(ClusterBackend backend) {
        Objects.requireNonNull(backend, "backend");
        if (!(backend instanceof ClusterInventory)) {
            throw new UnsupportedCapabilityException("examine stateful storage", backend.name(), "ClusterInventory",
                    "use the simulated or the fabric8 backend");
        }
        return new StatefulStorageDoctor(backend, null, null);
    }

    /**
     * The same doctor, also checking placement against the zones {@code zoneSource} lists (where the cluster has subnets).
     *
     * @param zoneSource where the cluster's subnet zones are read from
     * @return a new doctor using {@code zoneSource}
     */
    public StatefulStorageDoctor zones(ZoneSource zoneSource) {
        return new StatefulStorageDoctor(backend, Objects.requireNonNull(zoneSource, "zoneSource"), volumes);
    }

    /**
     * The same doctor, also looking for EBS volumes the CSI driver left behind: available volumes whose
     * PersistentVolume no longer exists (e.g. {@code blueprint-aws}'s {@code AwsLookups.cloudVolumeSource()}).
     *
     * @param volumeSource where the driver's available EBS volumes are read from
     * @return a new doctor using {@code volumeSource}
     */
    public StatefulStorageDoctor volumes(CloudVolumeSource volumeSource) {
        return new StatefulStorageDoctor(backend, zones, Objects.requireNonNull(volumeSource, "volumeSource"));
    }

    /**
     * Examines the stateful workloads of one namespace (and the cluster-scoped objects they use).
     *
     * @param namespace the namespace, not blank
     * @return what the doctor found
     */
    public DoctorReport examine(String namespace) {
        return examine(InventoryScope.namespace(Objects.requireNonNull(namespace, "namespace")));
    }

    /**
     * Examines the stateful workloads of every namespace.
     *
     * @return what the doctor found
     */
    public DoctorReport examineAllNamespaces() {
        return examine(InventoryScope.allNamespaces());
    }

    /**
     * Examines the stateful workloads of {@code scope} (and the cluster-scoped objects they use).
     *
     * @param scope the namespaces to examine
     * @return what the doctor found
     */
    public DoctorReport examine(InventoryScope scope) {
        Objects.requireNonNull(scope, "scope");
        Inventory inventory = ((ClusterInventory) backend).inventory(scope);
        List<String> subnetZones = zones == null ? List.of() : zones.availableZones().stream().map(AvailabilityZone::name).toList();
        List<EbsVolumeView> driverVolumes = volumes == null ? List.of() : volumes.availableDriverVolumes();
        return report(backend.name(), new Examination(inventory, subnetZones, driverVolumes));
    }

    /**
     * The doctor's rules on an inventory read elsewhere (no subnet zones known).
     *
     * @param inventory the inventory to examine
     * @return what the doctor found, attributed to backend {@code inventory}
     */
    public static DoctorReport diagnose(Inventory inventory) {
        return report("inventory", new Examination(Objects.requireNonNull(inventory, "inventory"), List.of(), List.of()));
    }

    private static DoctorReport report(String backend, Examination examination) {
        List<Finding> findings = new ArrayList<>();
        RULES.forEach(rule -> findings.addAll(rule.examine(examination)));
        return new DoctorReport(backend, examination.inventory().scope(), examination.inventory().takenAt(), findings);
    }
}
