package vaa.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vaa.llm.BatchLimits;

class BatchPlannerTest {
    private static List<BatchPlanner.Item> items(int n, long bytes) {
        List<BatchPlanner.Item> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new BatchPlanner.Item("c" + i, bytes));
        }
        return out;
    }

    @Test
    void splitsAtTheRequestLimit() {
        BatchPlanner.Plan plan = BatchPlanner.plan(items(7, 10), new BatchLimits(3, 1_000_000));
        assertThat(plan.batches()).extracting(List::size).containsExactly(3, 3, 1);
        assertThat(plan.batches().get(2)).containsExactly("c6");
        assertThat(plan.tooLarge()).isEmpty();
    }

    @Test
    void splitsAtTheByteLimitCountingEachLinesNewline() {
        // 99 bytes + newline = 100 per line: 3 lines fill 300 bytes exactly, a fourth starts the next batch
        BatchPlanner.Plan plan = BatchPlanner.plan(items(7, 99), new BatchLimits(1000, 300));
        assertThat(plan.batches()).extracting(List::size).containsExactly(3, 3, 1);
    }

    @Test
    void aRequestOverTheByteLimitGoesInNoBatch() {
        List<BatchPlanner.Item> in = new ArrayList<>(items(2, 10));
        in.add(1, new BatchPlanner.Item("huge", 500));
        BatchPlanner.Plan plan = BatchPlanner.plan(in, new BatchLimits(10, 100));
        assertThat(plan.batches()).containsExactly(List.of("c0", "c1"));
        assertThat(plan.tooLarge()).containsExactly("huge");
    }

    @Test
    void nothingToSubmitIsNoBatch() {
        assertThat(BatchPlanner.plan(List.of(), new BatchLimits(10, 100)).batches()).isEmpty();
    }

    @Test
    void theSpoolWritesEachBatchsLinesToItsOwnFileAsTheyCome(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        List<BatchSpool.Spooled> batches;
        try (BatchSpool spool = new BatchSpool(dir, new BatchLimits(2, 1_000))) {
            for (int i = 0; i < 5; i++) {
                assertThat(spool.add("c" + i, "{\"custom_id\":\"c" + i + "\"}")).isTrue();
            }
            assertThat(spool.add("huge", "x".repeat(2_000))).isFalse();
            batches = spool.batches();
        }
        assertThat(batches).extracting(BatchSpool.Spooled::calls).containsExactly(List.of("c0", "c1"), List.of("c2", "c3"), List.of("c4"));
        assertThat(java.nio.file.Files.readAllLines(batches.get(1).file())).containsExactly("{\"custom_id\":\"c2\"}", "{\"custom_id\":\"c3\"}");
        BatchSpool.clear(dir);
        assertThat(batches).allSatisfy(b -> assertThat(b.file()).doesNotExist());
    }
}
