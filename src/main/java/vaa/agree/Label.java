package vaa.agree;

/**
 * One human (or system) answer for one call: {@code value} is normalised to the field's categories when vaa
 * judges the field, and kept as given when it does not (such labels are counted, not compared).
 *
 * @param reviewer who gave it: the labels file's reviewer column, else the file's name; "metadata" for labels
 *                 read from the transcripts
 * @param origin   where it was read, for messages: "labels.csv line 7", "call c1 metadata.ground_truth.outcome"
 */
public record Label(String callId, String field, String value, String reviewer, String origin) {}
