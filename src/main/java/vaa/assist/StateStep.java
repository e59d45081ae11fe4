package vaa.assist;

import com.fasterxml.jackson.databind.JsonNode;

/** One step of a state file: the customer utterance it stops at, and the state accumulated up to it. */
public record StateStep(int utteranceIndex, JsonNode accumulatedState) {
    public StateStep {
        accumulatedState = accumulatedState.deepCopy();
    }

    @Override
    public JsonNode accumulatedState() {
        return accumulatedState.deepCopy();
    }
}
