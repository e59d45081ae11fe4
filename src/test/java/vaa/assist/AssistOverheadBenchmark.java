package vaa.assist;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import vaa.io.Env;
import vaa.io.Json;
import vaa.llm.LlmClient;
import vaa.llm.LlmOptions;
import vaa.llm.LlmRuntime;
import vaa.llm.ModelCatalog;
import vaa.llm.ResolvedModel;
import vaa.llm.Tracer;
import vaa.ui.AssistConsoleView;
import vaa.ui.Style;

/**
 * vaa's own time per assist step (everything but the model call) on a 60-step experiment against a
 * local OpenAI-compatible server that streams its answers at once. Not a unit test: run it by hand,
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     vaa.assist.AssistOverheadBenchmark [runs]
 * </pre>
 *
 * The first run is a cold JVM, as every real {@code vaa assist} is; later runs show the warmed-up cost.
 * The path measured is the real one: local prompt, real {@link LlmRuntime} client (retry, limiter,
 * openai-java, SSE parsing over HTTP), console lines, log block and JSONL record flushed per step.
 */
public final class AssistOverheadBenchmark {
    static final int STEPS = 60;

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        Path ws = Files.createTempDirectory("vaa-assist-bench");
        writeCampaign(ws);
        AtomicInteger calls = new AtomicInteger();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return calls.incrementAndGet() % 2 == 0
                            ? AssistFixtures.sse("show|objection", "_price\n", "Anerkend at prisen ", "betyder noget, ",
                                    "og spørg hvad ", "de betaler for ", "strøm i dag.")
                            : AssistFixtures.sse("sk", "ip");
                }
            });
            server.start();
            AssistFixtures.localModel(ws, server.url("/v1").toString());

            System.out.printf(Locale.ROOT, "%-6s %8s %8s %8s %8s %8s   %s%n", "run", "mean", "p50", "p95", "max",
                    "wall/st", "(ms per step outside the model call; wall/st = (run wall - time in client) / 60)");
            for (int run = 1; run <= runs; run++) {
                Result r = once(ws, "bench_" + run);
                System.out.printf(Locale.ROOT, "%-6s %8.3f %8.3f %8.3f %8.3f %8.3f%n", run == 1 ? "cold" : "#" + run,
                        r.mean, r.p50, r.p95, r.max, r.wallPerStep);
            }
        }
    }

    record Result(double mean, double p50, double p95, double max, double wallPerStep) {}

    static Result once(Path ws, String runName) {
        ModelCatalog catalog = ModelCatalog.load(ws);
        Env env = Env.of(Map.of());
        // the console is part of the cost; where its bytes go is not
        AssistConsoleView view = new AssistConsoleView(new PrintWriter(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8),
                Style.plain());
        AssistSetup setup = new AssistSetup(ws, env, Clock.systemDefaultZone(), false, () -> {
            throw new IllegalStateException("nothing is asked");
        }, view, catalog);
        AssistOptions options = AssistOptions.none().withState("customer_data/bench/campaign/state_experiments/long.state.json")
                .withModel("local").withYes(true).withRunName(runName).withDelay(Duration.ZERO);
        try (LlmRuntime runtime = new LlmRuntime(LlmOptions.defaults().withWorkers(1))) {
            AtomicLong inClient = new AtomicLong();
            // times the client from outside, independently of the runner's own accounting
            Function<ResolvedModel, LlmClient> timed = model -> {
                LlmClient real = runtime.open(model);
                return (request, onDelta) -> {
                    long t = System.nanoTime();
                    try {
                        return real.complete(request, onDelta);
                    } finally {
                        inClient.addAndGet(System.nanoTime() - t);
                    }
                };
            };
            AssistSession session = new AssistSession(ws, env, setup, view, catalog, timed, Tracer.OFF, d -> { });
            ExperimentPlan plan = (ExperimentPlan) session.setup(options).orElseThrow();
            long start = System.nanoTime();
            AssistSession.Outcome outcome = session.run(plan);
            long wall = System.nanoTime() - start;
            if (outcome.result().completed() != STEPS) {
                throw new IllegalStateException("expected " + STEPS + " answered steps: " + outcome.result());
            }
            List<Double> ms = new ArrayList<>();
            for (long n : outcome.overheadNanos()) {
                ms.add(n / 1e6);
            }
            Collections.sort(ms);
            double mean = ms.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            // the whole run's wall time (files, header, footer, summary included) minus the time inside the client
            double wallPerStep = (wall - inClient.get()) / 1e6 / STEPS;
            return new Result(mean, ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.95) - 1),
                    ms.get(ms.size() - 1), wallPerStep);
        }
    }

    /** 121 utterances (customer at odd indexes) and 60 steps whose states grow as a real call's do. */
    static void writeCampaign(Path ws) throws Exception {
        Path dir = ws.resolve("customer_data/bench/campaign");
        ObjectNode conv = Json.MAPPER.createObjectNode();
        conv.put("audio_stem", "long_call");
        ArrayNode utterances = conv.putObject("conversation").putArray("utterances");
        for (int i = 0; i <= 2 * STEPS; i++) {
            utterances.addObject().put("speaker_id", i % 2 == 0 ? 1 : 2)
                    .put("cleaned_text", i % 2 == 0
                            ? "Det forstår jeg godt, og mange af vores kunder sparer omkring 40 procent på elregningen. (" + i + ")"
                            : "Det lyder dyrt, og jeg skal også lige tale med min kone om det først. (" + i + ")");
        }
        AssistFixtures.write(dir.resolve("processed_conversations/long_call.json"), Json.pretty(conv));
        AssistFixtures.write(dir.resolve("speaker_map.json"), "{\"long_call\": true}");

        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("conversation", "long_call.wav");
        root.set("initial_state", state(0));
        ArrayNode steps = root.putArray("steps");
        for (int s = 1; s <= STEPS; s++) {
            steps.addObject().put("utterance_index", 2 * s - 1).set("accumulated_state", state(s));
        }
        AssistFixtures.write(dir.resolve("state_experiments/long.state.json"), Json.pretty(root));
    }

    static ObjectNode state(int step) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("phase", step < 10 ? "opening" : step < 40 ? "objection_handling" : "closing");
        s.putObject("customer_profile").put("disc_primary", "C")
                .put("approach_note", "Analytisk; vil have tal og fakta før hun beslutter sig, og konen skal med.");
        ArrayNode objections = s.putArray("objections");
        ArrayNode pains = s.putArray("pain_points");
        ArrayNode props = s.putArray("value_props_delivered");
        for (int i = 0; i < Math.min(step / 5, 8); i++) {
            objections.addObject().put("id", "o" + i).put("status", i % 2 == 0 ? "open" : "handled")
                    .put("detail", "Pris og timing; ønsker at vente til næste år.");
            pains.addObject().put("id", "p" + i).put("severity", "high").put("description", "Høj elregning om vinteren.");
            props.add("Besparelse på 40 procent, finansiering uden udbetaling.");
        }
        s.putArray("commitments");
        return s;
    }
}
