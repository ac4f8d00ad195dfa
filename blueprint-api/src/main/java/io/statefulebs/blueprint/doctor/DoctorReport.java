package io.statefulebs.blueprint.doctor;

import io.statefulebs.blueprint.inventory.InventoryScope;
import io.statefulebs.blueprint.view.Finding;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What the doctor found on {@code backend}'s cluster for {@code scope}, read at {@code takenAt}: every finding, worst
 * first (errors, then warnings, then info; within a severity by check and first object).
 */
public record DoctorReport(String backend, InventoryScope scope, Instant takenAt, List<Finding> findings) {
    static final Comparator<Finding> WORST_FIRST = Comparator.comparing(Finding::severity).thenComparing(Finding::check)
            .thenComparing(f -> f.objects().isEmpty() ? "" : f.objects().get(0));

    /**
     * Creates the report, sorting {@code findings} worst first; {@code backend}, {@code scope} and {@code takenAt}
     * must be non-null.
     *
     * @param backend  the name of the backend whose cluster was examined
     * @param scope    the namespaces examined
     * @param takenAt  when the inventory was read
     * @param findings what the checks found
     */
    public DoctorReport {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(takenAt, "takenAt");
        findings = findings.stream().sorted(WORST_FIRST).toList();
    }

    /** {@return whether some finding is an error: something that cannot work as it is} */
    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Finding.Severity.ERROR);
    }

    /**
     * The findings of one severity.
     *
     * @param severity the severity
     * @return the findings of that severity, worst first
     */
    public List<Finding> findings(Finding.Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).toList();
    }

    /**
     * The findings of one check ({@link DoctorChecks}).
     *
     * @param check the check's name
     * @return the findings of that check, worst first
     */
    public List<Finding> findings(String check) {
        return findings.stream().filter(f -> f.check().equals(check)).toList();
    }
}
