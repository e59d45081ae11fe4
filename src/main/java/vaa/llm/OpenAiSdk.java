package vaa.llm;

import com.openai.azure.AzureOpenAIServiceVersion;
import com.openai.azure.credential.AzureApiKeyCredential;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.LogLevel;
import com.openai.core.Timeout;
import java.util.Map;
import java.util.TreeMap;

/** The openai-java client for a resolved model: its base URL, how the key is sent, its extra headers. */
final class OpenAiSdk {
    private OpenAiSdk() {}

    /** Models with the same identity share one client (and so one connection pool); no secret appears in it. */
    static String identity(ResolvedModel model) {
        Map<String, String> headers = new TreeMap<>(model.headers().reveal());
        return String.join("\n", model.baseUrl(), model.entry().auth().configName(), String.valueOf(model.entry().apiVersion()),
                model.apiKey().map(k -> ResponseCache.sha256(k.reveal())).orElse("-"), ResponseCache.sha256(headers.toString()));
    }

    static OpenAIClient build(ResolvedModel model, LlmOptions options) {
        OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder()
                .baseUrl(model.baseUrl())
                .maxRetries(0)
                // the SDK would otherwise follow OPENAI_LOG and print prompts, answers and headers to the terminal
                .logLevel(LogLevel.OFF)
                .timeout(Timeout.builder()
                        .connect(options.connectTimeout())
                        .read(options.readTimeout())
                        .write(options.readTimeout())
                        .request(options.requestTimeout())
                        .build());
        String key = model.apiKey().map(ApiKey::reveal).orElse(null);
        if (model.entry().auth() == Auth.AZURE_API_KEY) {
            builder.credential(AzureApiKeyCredential.create(key));
        } else if (model.entry().auth() == Auth.BEARER && key != null) {
            builder.apiKey(key);
        } else {
            // the SDK insists on a credential; with none to send, its Authorization header is taken off again
            builder.apiKey("unused").removeHeaders("Authorization");
        }
        if (model.entry().apiVersion() != null) {
            builder.azureServiceVersion(AzureOpenAIServiceVersion.fromString(model.entry().apiVersion()));
        }
        model.headers().reveal().forEach(builder::replaceHeaders);
        return builder.build();
    }
}
