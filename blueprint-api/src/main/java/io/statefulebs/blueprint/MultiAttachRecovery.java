package io.statefulebs.blueprint;

import io.statefulebs.blueprint.view.MultiAttachDiagnosis;
import java.time.Duration;
import java.util.List;

/** What {@code recoverMultiAttach} found, what it did about each volume, and how long until the pods ran again. */
public record MultiAttachRecovery(List<MultiAttachDiagnosis> diagnoses, MultiAttachPolicy policy, List<String> actions,
                                  Duration timeToRecover) {
    /**
     * Copies the lists.
     *
     * @param diagnoses the Multi-Attach errors found
     * @param policy the policy acted on
     * @param actions what was done, one line per action
     * @param timeToRecover how long until the pods ran again
     */
    public MultiAttachRecovery {
        diagnoses = List.copyOf(diagnoses);
        actions = List.copyOf(actions);
    }
}
