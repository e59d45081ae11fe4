package vaa.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import vaa.io.Json;
import vaa.testing.NoDelayServerSocketFactory;
import vaa.testing.OpenAiStub;

/**
 * The server of {@code bench/soak-kill-resume.sh}: an OpenAI-compatible chat-completions endpoint that answers after a
 * fixed delay, and appends one line per request to a log as the request arrives ({@code <epoch ms> <call id>}, or
 * {@code -} for a request about no single call), so the script can count what each call cost across a kill and its
 * resume. A call's judgement names the call in its summary ({@code soak answer for call <id>}), so a cached answer on
 * disk can be traced back to its call.
 *
 * <p>{@code java -cp CP vaa.bench.SoakServer DELAY_MS LOG} prints {@code OPENAI_BASE_URL=...} and serves until killed.
 */
public final class SoakServer extends Dispatcher {
    private static final Pattern CALL_ID = Pattern.compile("Call id: ([A-Za-z0-9._-]+)");
    static final String SUMMARY_PREFIX = "soak answer for call ";
    private static final String INSIGHTS = "{\"summary\": \"Orders get misheard.\", \"themes\": [{\"title\": \"Misheard orders\","
            + " \"explanation\": \"Several calls needed the order repeated.\", \"call_count\": 2, \"supporting_call_ids\": [],"
            + " \"recommendations\": [\"Read the order back before confirming.\"]}]}";

    private final MockWebServer server = new MockWebServer();
    private final long delayMs;
    private final BufferedWriter log;

    SoakServer(long delayMs, Path logFile) throws IOException {
        this.delayMs = delayMs;
        this.log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        server.setDispatcher(this);
        server.setServerSocketFactory(new NoDelayServerSocketFactory());
        server.start();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        String body = request.getBody().readUtf8();
        Matcher m = CALL_ID.matcher(body);
        String id = m.find() ? m.group(1) : null;
        synchronized (log) {
            try {
                log.write(System.currentTimeMillis() + " " + (id == null ? "-" : id) + "\n");
                log.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        // MockWebServer keeps every RecordedRequest; drop them so a long soak does not pile up bodies
        while (server.takeRequest(0, TimeUnit.SECONDS) != null) {
            // drained
        }
        Thread.sleep(delayMs);
        return OpenAiStub.reply(body, id == null ? INSIGHTS : judgement(id));
    }

    private static String judgement(String id) {
        try {
            ObjectNode j = (ObjectNode) Json.MAPPER.readTree(OpenAiStub.judgement("resolved", "thank you"));
            return j.put("summary", SUMMARY_PREFIX + id).toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        SoakServer s = new SoakServer(Long.parseLong(args[0]), Path.of(args[1]));
        System.out.println("OPENAI_BASE_URL=" + s.server.url("/v1"));
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
