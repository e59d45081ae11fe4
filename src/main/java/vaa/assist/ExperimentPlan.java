package vaa.assist;

import java.time.Duration;
import java.util.List;
import vaa.llm.ModelEntry;
import vaa.prompt.Prompt;

/**
 * A fully chosen experiment, ready to run: which prompt version, which model, which conversation
 * and state, where the results go.
 *
 * @param stateDisplay the state file as shown to the user (relative to the workspace when inside it)
 * @param turns        the processed conversation's utterances, indexed as the state file indexes them
 * @param delay        pause between steps, to stay clear of rate limits
 */
public record ExperimentPlan(Prompt prompt, ModelEntry model, StateFile state, String stateDisplay, Campaign campaign,
                             List<Turn> turns, SpeakerLabelMap labels, String runName, Duration delay, boolean dryRun)
        implements AssistPlan {
    public ExperimentPlan {
        turns = List.copyOf(turns);
    }

    /** "Gemini 3 Flash (Minimal Thinking) (gemini-3-flash-preview)", as the seed's summary and log header write it. */
    public String modelDescription() {
        return model.label() + " (" + model.model() + ")";
    }
}
