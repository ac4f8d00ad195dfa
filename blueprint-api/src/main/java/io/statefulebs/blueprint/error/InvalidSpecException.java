package io.statefulebs.blueprint.error;

import java.util.List;
import java.util.stream.Collectors;

/** The spec was rejected before anything was sent to a cluster. Carries every problem found, not just the first. */
public class InvalidSpecException extends BlueprintException {
    /** Every problem found. */
    private final List<SpecProblem> problems;

    /**
     * An exception listing every problem.
     *
     * @param problems the problems found
     */
    public InvalidSpecException(List<SpecProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** {@return every problem found} */
    public List<SpecProblem> problems() {
        return problems;
    }

    private static String describe(List<SpecProblem> problems) {
        return problems.size() + " problem(s) in the blueprint spec, nothing was created:"
                + problems.stream().map(p -> "\n  - " + p).collect(Collectors.joining());
    }
}
