package vaa.ask;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaa.io.MessageSink;
import vaa.run.Run;

/** The index lives in the run, is built once, and is rebuilt only when the analyses change. */
class IndexLifecycleTest {
    @TempDir
    Path ws;

    final List<String> warnings = new ArrayList<>();
    final MessageSink messages = new MessageSink() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {
            warnings.add(message);
        }
    };

    @Test
    void builtOnceThenReusedByLaterProcessesUntilTheAnalysesChange() throws Exception {
        Run run = AskFixtures.standard(ws, "r");
        try (CallIndex first = CallIndex.open(run, messages)) {
            CallIndex.Status s = first.refresh();
            assertThat(s.rebuilt()).isTrue();
            assertThat(s.documents()).isEqualTo(11);
            assertThat(s.location()).isEqualTo("cache/ask-index");
            assertThat(first.refresh().rebuilt()).as("same files, same index").isFalse();
        }
        assertThat(run.cacheDir().resolve("ask-index")).isDirectory();
        try (CallIndex later = CallIndex.open(run, messages)) {
            assertThat(later.refresh().rebuilt()).as("a new process reads the committed fingerprint").isFalse();

            AskFixtures.call(run, "new-call", "escalated", "cancel a subscription", "Cancelled after a transfer.", "No cancel flow.",
                    null, null, "Hi", "cancel my subscription please");
            CallIndex.Status added = later.refresh();
            assertThat(added.rebuilt()).isTrue();
            assertThat(added.documents()).isEqualTo(12);
            assertThat(later.search(QueryTerms.of(later.analyzer(), "subscription"), 1)).extracting(CallIndex.Hit::callId)
                    .containsExactly("new-call");

            Files.writeString(run.analysesDir().resolve("new-call.error.json"), "{\"error\": \"boom\"}");
            assertThat(later.refresh().rebuilt()).as("failed analyses are not calls to index").isFalse();

            Files.writeString(run.analysesDir().resolve("broken.json"), "{not json");
            CallIndex.Status broken = later.refresh();
            assertThat(broken.rebuilt()).isTrue();
            assertThat(broken.documents()).isEqualTo(12);
            assertThat(broken.unreadable()).isEqualTo(1);
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void theDirectoryStampSkipsTheScanOnlyWhileNoFileWasRenamedIn() throws Exception {
        Run run = AskFixtures.standard(ws, "r");
        IndexSource.Stamp fresh = IndexSource.Stamp.of(run);
        assertThat(fresh.stillHolds(run)).as("directories changed just now are not trusted").isFalse();

        FileTime hourAgo = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
        Files.setLastModifiedTime(run.analysesDir(), hourAgo);
        Files.setLastModifiedTime(run.sampledDir(), hourAgo);
        IndexSource.Stamp settled = IndexSource.Stamp.of(run);
        assertThat(settled.stillHolds(run)).isTrue();

        try (CallIndex index = CallIndex.open(run, messages)) {
            index.refresh();
            AskFixtures.call(run, "added", "resolved", "check the balance", "Fine.", null, null, null, "Hi", "balance");
            assertThat(settled.stillHolds(run)).isFalse();
            assertThat(index.refresh().documents()).as("the rename into analyses/ is seen at once").isEqualTo(12);
        }
    }

    @Test
    void twoAskersBuildingAtOnceMakeOneIndexTheSecondWaitsForTheFirst() throws Exception {
        Run run = AskFixtures.standard(ws, "r");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (CallIndex a = CallIndex.open(run, messages); CallIndex b = CallIndex.open(run, messages)) {
            Future<CallIndex.Status> fa = pool.submit(a::refresh);
            Future<CallIndex.Status> fb = pool.submit(b::refresh);
            CallIndex.Status sa = fa.get(30, TimeUnit.SECONDS);
            CallIndex.Status sb = fb.get(30, TimeUnit.SECONDS);
            assertThat(List.of(sa.documents(), sb.documents())).containsOnly(11);
            assertThat(List.of(sa.location(), sb.location())).containsOnly("cache/ask-index");
            assertThat(sa.rebuilt() && sb.rebuilt()).as("only one of them built it").isFalse();
        } finally {
            pool.shutdownNow();
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void aSealedRunIsIndexedTooBecauseTheIndexIsDerivedDataNotAResult() {
        Run run = AskFixtures.standard(ws, "done");
        run.seal();
        try (CallIndex index = CallIndex.open(run, messages)) {
            assertThat(index.refresh().documents()).isEqualTo(11);
            assertThat(index.contains("pwd-reset")).isTrue();
            assertThat(index.contains("nope")).isFalse();
        }
    }

    @Test
    void whereTheRunCannotBeWrittenTheIndexIsBuiltInMemory() throws Exception {
        Run run = AskFixtures.standard(ws, "ro");
        Files.writeString(run.cacheDir(), "not a directory");
        try (CallIndex index = CallIndex.open(run, messages)) {
            CallIndex.Status s = index.refresh();
            assertThat(s.location()).isEqualTo("memory");
            assertThat(s.documents()).isEqualTo(11);
            assertThat(index.refresh().rebuilt()).isFalse();
        }
        assertThat(warnings).singleElement().asString().contains("Cannot create the ask index in cache/ask-index", "in memory");
    }
}
