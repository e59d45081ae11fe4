package vaa.llm;

/** What one batch of a provider's Batch API may hold: requests, and bytes of its JSONL input file. */
public record BatchLimits(int maxRequests, long maxBytes) {}
