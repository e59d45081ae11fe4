package vaa.testing;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import vaa.AppContext;
import vaa.Vaa;
import vaa.io.Env;

/**
 * Builds a demo run for development: samples N bundled calls into WORKSPACE/runs/RUN and analyses
 * them against a local stub model giving varied judgements. Usage: DemoRunMain WORKSPACE RUN N
 */
public final class DemoRunMain {
    public static void main(String[] args) throws Exception {
        Path ws = Path.of(args[0]).toAbsolutePath();
        String run = args[1];
        String n = args[2];
        try (OpenAiStub stub = new OpenAiStub(OpenAiStub::variedJudgement)) {
            PrintWriter out = new PrintWriter(System.out, true);
            try (AppContext ctx = AppContext.forTest(ws, Env.of(stub.env()), Clock.systemDefaultZone(), Optional.empty(), null)) {
                Vaa.run(ctx, out, out, "sample", "-n", n, "--seed", "1", "--source", Path.of("customer_data").toAbsolutePath().toString(), "--run-id", run);
                Vaa.run(ctx, out, out, "analyze", "--run-id", run, "--model", "openai:demo", "--workers", "8");
                Vaa.run(ctx, out, out, "metrics", "--run-id", run, "--by", "source");
            }
        }
    }
}
