package vaa.assist;

import java.util.Optional;

/**
 * A conversation of a suite that ended in this run.
 *
 * @param position  how many conversations have ended so far in this run, this one included
 * @param of        how many this run replays
 * @param result    its totals (all its steps, earlier runs' included); null when it could not run
 * @param resumedAt the first step this run asked (1 for a conversation started afresh)
 * @param error     why it could not run, when it could not
 */
public record SuiteProgress(String name, int position, int of, ExperimentResult result, int resumedAt, String error) {
    public Optional<String> failure() {
        return Optional.ofNullable(error);
    }
}
