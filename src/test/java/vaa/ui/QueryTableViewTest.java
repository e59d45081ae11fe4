package vaa.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryTableViewTest {
    @Test
    void columnsAlignNumbersSitRightDecimalsAreRoundedAndTheRowCountCloses() {
        StringWriter out = new StringWriter();
        QueryTableView view = new QueryTableView(new PrintWriter(out), Style.plain());
        view.columns(List.of("run_id", "completed", "cats"), List.of("VARCHAR", "DOUBLE", "VARCHAR[]"));
        view.row(Arrays.asList("a", 0.6666666666666666, List.of("x", "y")));
        view.row(Arrays.asList("long-run", null, List.of()));
        view.end();

        assertThat(out.toString()).isEqualTo("""
                run_id    completed  cats
                --------  ---------  ------
                a            0.6667  [x, y]
                long-run       NULL  []
                2 rows
                """);
    }

    @Test
    void aLongAnswerShowsTheFirstRowsAndSaysHowToGetAll() {
        StringWriter out = new StringWriter();
        QueryTableView view = new QueryTableView(new PrintWriter(out), Style.plain());
        view.columns(List.of("n"), List.of("BIGINT"));
        for (long i = 0; i < QueryTableView.MAX_ROWS + 5; i++) {
            view.row(List.of(i));
        }
        view.end();

        assertThat(out.toString().lines()).hasSize(2 + QueryTableView.MAX_ROWS + 1)
                .last().isEqualTo("1005 rows; the first 1000 shown (--csv or --json print all)");
    }

    @Test
    void textIsOneLineAndCutToAReadableWidth() {
        assertThat(QueryTableView.text("a\nb\tc")).isEqualTo("a b c");
        assertThat(QueryTableView.text("x".repeat(100))).hasSize(QueryTableView.MAX_WIDTH).endsWith("…");
    }
}
