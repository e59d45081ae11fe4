package vaa.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The floor for {@link AnalyzeThroughputBench}: the least a JVM process can do for the same calls. It posts CALLS
 * chat completions of ~8 KB (vaa's request size) to BASE_URL with W threads over one OkHttp client, reads each answer
 * whole and exits; no SDK, no files, no JSON. Run as its own process, so it pays the JVM's start-up as vaa does.
 *
 * <pre>java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp CP vaa.bench.BareClient BASE_URL CALLS W</pre>
 */
public final class BareClient {
    private BareClient() {}

    public static void main(String[] args) throws Exception {
        String url = args[0] + "/chat/completions";
        int calls = Integer.parseInt(args[1]);
        int w = Integer.parseInt(args[2]);
        OkHttpClient client = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(w, 5, TimeUnit.MINUTES))
                .readTimeout(Duration.ofSeconds(60))
                .build();
        RequestBody body = RequestBody.create("{\"model\":\"bench\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(8_000) + "\"}]}", MediaType.get("application/json"));
        AtomicInteger left = new AtomicInteger(calls);
        ExecutorService pool = Executors.newFixedThreadPool(w);
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < w; i++) {
            fs.add(pool.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    try (Response r = client.newCall(new Request.Builder().url(url).post(body).build()).execute()) {
                        if (!r.isSuccessful()) {
                            throw new IllegalStateException("HTTP " + r.code());
                        }
                        r.body().bytes();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
        System.out.println("done " + calls);
    }
}
