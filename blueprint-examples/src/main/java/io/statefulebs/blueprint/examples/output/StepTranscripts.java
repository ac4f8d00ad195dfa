package io.statefulebs.blueprint.examples.output;

import io.statefulebs.blueprint.examples.walkthrough.Listeners;
import io.statefulebs.blueprint.examples.walkthrough.StepRecord;
import io.statefulebs.blueprint.examples.walkthrough.WalkthroughListener;
import io.statefulebs.blueprint.examples.walkthrough.WalkthroughStep;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the console printer (not quiet) prints for each step, kept per step: the kubectl-style output a JUnit
 * report's {@code system-out} carries, whatever the console itself showed. Hear the walkthrough through
 * {@link #listener()}.
 */
public final class StepTranscripts {
    private final StringWriter text = new StringWriter();
    private final Map<WalkthroughStep, String> byStep = new EnumMap<>(WalkthroughStep.class);
    private final WalkthroughListener listener;
    private int stepStart;

    public StepTranscripts() {
        WalkthroughListener start = new WalkthroughListener() {
            @Override
            public void stepStarted(WalkthroughStep step) {
                stepStart = text.getBuffer().length();
            }
        };
        WalkthroughListener end = new WalkthroughListener() {
            @Override
            public void stepEnded(StepRecord record) {
                byStep.put(record.step(), text.getBuffer().substring(stepStart).strip() + "\n");
            }
        };
        // The marks around the printer: a step's text runs from before its header to after its verdict.
        listener = Listeners.of(start, new ConsolePrinter(new PrintWriter(text, true), false), end);
    }

    /** The listener that records the transcripts. */
    public WalkthroughListener listener() {
        return listener;
    }

    /** What {@code step} printed, from its header to its verdict; empty when it did not run. */
    public String of(WalkthroughStep step) {
        return byStep.getOrDefault(step, "");
    }
}
