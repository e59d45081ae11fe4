package vaa.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import vaa.VaaException;
import vaa.io.Env;

class TraceSettingsTest {
    private static final Map<String, String> LANGFUSE = Map.of("LANGFUSE_HOST", "https://lf.example.com/langfuse/",
            "LANGFUSE_PUBLIC_KEY", "pk-lf-1", "LANGFUSE_SECRET_KEY", "sk-lf-2");

    private static TraceSettings on(Map<String, String> env, boolean noTrace, String content) {
        TraceSettings.Resolved r = TraceSettings.resolve(Env.of(env), noTrace, content);
        assertThat(r).isInstanceOf(TraceSettings.On.class);
        return ((TraceSettings.On) r).settings();
    }

    private static TraceSettings.Off off(Map<String, String> env) {
        TraceSettings.Resolved r = TraceSettings.resolve(Env.of(env), false, null);
        assertThat(r).isInstanceOf(TraceSettings.Off.class);
        return (TraceSettings.Off) r;
    }

    @Test
    void langfuseKeysSendToItsOtelEndpointUnderTheHostsPathWithBasicAuthAndScores() {
        TraceSettings s = on(LANGFUSE, false, null);
        assertThat(s.endpoint()).isEqualTo("https://lf.example.com/langfuse/api/public/otel/v1/traces");
        assertThat(s.headers()).containsExactly(Map.entry("Authorization", "Basic cGstbGYtMTpzay1sZi0y"));
        assertThat(s.host()).isEqualTo("lf.example.com");
        assertThat(s.scores()).isPresent();
        assertThat(s.content()).isTrue();
        assertThat(s.toString()).doesNotContain("cGst", "sk-lf-2").contains("Authorization");
    }

    @Test
    void anOtlpEndpointWinsOverLangfuseAndTheSignalSpecificOneIsTakenAsItIs() {
        Map<String, String> env = new java.util.HashMap<>(LANGFUSE);
        env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/");
        assertThat(on(env, false, null).endpoint()).isEqualTo("http://collector:4318/v1/traces");
        assertThat(on(env, false, null).scores()).isEmpty();
        env.put("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://tempo.example.com/otlp/traces");
        env.put("OTEL_EXPORTER_OTLP_HEADERS", "a=1,b=x%3Dy");
        env.put("OTEL_EXPORTER_OTLP_TRACES_HEADERS", "b=2");
        TraceSettings s = on(env, false, null);
        assertThat(s.endpoint()).isEqualTo("https://tempo.example.com/otlp/traces");
        assertThat(s.headers()).containsEntry("a", "1").containsEntry("b", "2");
        assertThat(TraceSettings.headers(Env.of(env), "OTEL_EXPORTER_OTLP_HEADERS")).containsEntry("b", "x=y");
    }

    @Test
    void offWhenAskedOffOrWhenThereIsNowhereToSend() {
        assertThat(TraceSettings.resolve(Env.of(LANGFUSE), true, null)).isEqualTo(new TraceSettings.Off(null));
        Map<String, String> env = new java.util.HashMap<>(LANGFUSE);
        env.put("VAA_TRACE", "off");
        assertThat(off(env).warning()).isNull();
        env.put("VAA_TRACE", "on");
        env.put("OTEL_SDK_DISABLED", "true");
        assertThat(off(env).warning()).isNull();
        assertThat(off(Map.of()).warning()).isNull();
        assertThat(off(Map.of("VAA_TRACE", "on", "LANGFUSE_PUBLIC_KEY", "pk")).warning())
                .contains("nowhere to send traces", "LANGFUSE_SECRET_KEY", "LANGFUSE_HOST").doesNotContain("pk,");
    }

    @Test
    void contentIsOnUnlessTurnedOffByFlagOrVariableAndTheFlagWins() {
        assertThat(on(LANGFUSE, false, "off").content()).isFalse();
        Map<String, String> env = new java.util.HashMap<>(LANGFUSE);
        env.put("VAA_TRACE_CONTENT", "off");
        assertThat(on(env, false, null).content()).isFalse();
        assertThat(on(env, false, "on").content()).isTrue();
    }

    @Test
    void aMalformedHeaderListIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> TraceSettings.headers(Env.of(Map.of("OTEL_EXPORTER_OTLP_HEADERS", "Bearer s3cret")), "OTEL_EXPORTER_OTLP_HEADERS"))
                .isInstanceOf(VaaException.class)
                .hasMessageContaining("OTEL_EXPORTER_OTLP_HEADERS must be key=value pairs")
                .hasMessageNotContaining("s3cret");
    }
}
