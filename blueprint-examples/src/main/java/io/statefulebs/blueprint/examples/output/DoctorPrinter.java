package io.statefulebs.blueprint.examples.output;

import io.statefulebs.blueprint.doctor.DoctorReport;
import io.statefulebs.blueprint.view.Finding;

import java.io.PrintWriter;
import java.util.List;

/**
 * The doctor's report for a terminal: a {@code kubectl get}-style table of the findings, worst first, then each
 * finding in full as {@code kubectl describe} lays it out (objects, evidence, fix), then the counts.
 */
public final class DoctorPrinter {
    private final PrintWriter out;

    public DoctorPrinter(PrintWriter out) {
        this.out = out;
    }

    public void print(DoctorReport report, String backendDescription) {
        out.println("Examined " + report.scope() + " on " + backendDescription + " at " + report.takenAt());
        List<Finding> findings = report.findings();
        if (findings.isEmpty()) {
            out.println("No findings: nothing wrong with the stateful storage here.");
            out.flush();
            return;
        }
        out.println();
        TextTable table = TextTable.get("#", "SEVERITY", "CHECK", "OBJECT");
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            String object = f.objects().isEmpty() ? "<none>" : f.objects().get(0) + (f.objects().size() > 1 ? " (+" + (f.objects().size() - 1) + ")" : "");
            table.row(String.valueOf(i + 1), f.severity().name(), f.check(), object);
        }
        out.print(table.render());
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            out.println();
            out.println((i + 1) + ". " + f.severity() + " " + f.check() + ": " + f.cause());
            out.println("   Objects:  " + String.join(", ", f.objects()));
            if (!f.evidence().isEmpty()) {
                out.println("   Evidence:");
                f.evidence().forEach(e -> out.println("     - " + e));
            }
            out.println("   Fix:      " + f.fix());
        }
        out.println();
        out.println(summary(report));
        out.flush();
    }

    static String summary(DoctorReport report) {
        return report.findings().size() + " finding(s): " + report.findings(Finding.Severity.ERROR).size() + " error(s), "
                + report.findings(Finding.Severity.WARNING).size() + " warning(s), " + report.findings(Finding.Severity.INFO).size()
                + " info.";
    }
}
