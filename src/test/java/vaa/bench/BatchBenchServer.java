package vaa.bench;

import java.util.concurrent.CountDownLatch;
import vaa.testing.BatchServer;

/**
 * {@link BatchServer} as a process of its own for bench/batch.sh: every request line answered with a valid judgement
 * (varied per call, quoting its transcript), each batch ending on its second poll.
 */
public final class BatchBenchServer {
    private BatchBenchServer() {}

    public static void main(String[] args) throws Exception {
        BatchServer s = new BatchServer(vaa.testing.OpenAiStub::variedJudgement);
        System.out.println("OPENAI_BASE_URL=" + s.server.url("/v1"));
        System.out.println("# answering the Batch API; Ctrl+C to stop");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
