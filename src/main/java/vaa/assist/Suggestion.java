package vaa.assist;

/** A suggestion the seller was shown: its tag and body. */
public record Suggestion(String tag, String body) {}
