package vaa.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vaa.io.Json;

class QueryOutputTest {
    static String write(ResultSink sink, StringWriter out, List<String> names, List<Object>... rows) {
        sink.columns(names, names.stream().map(n -> "VARCHAR").toList());
        for (List<Object> row : rows) {
            sink.row(row);
        }
        sink.end();
        return out.toString();
    }

    @Test
    void jsonIsAnArrayOfObjectsKeyedByColumnWithRepeatedNamesMadeDistinct() throws Exception {
        StringWriter out = new StringWriter();
        write(QueryOutput.json(out), out, List.of("run_id", "n", "n", "cats"),
                Arrays.asList("a", 1L, BigInteger.TEN, List.of("x", "y")), Arrays.asList("b", null, Double.NaN, Map.of("k", 1)));

        JsonNode rows = Json.MAPPER.readTree(out.toString());
        assertThat(rows.isArray()).isTrue();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).toString()).isEqualTo("{\"run_id\":\"a\",\"n\":1,\"n_2\":10,\"cats\":[\"x\",\"y\"]}");
        assertThat(rows.get(1).toString()).isEqualTo("{\"run_id\":\"b\",\"n\":null,\"n_2\":\"NaN\",\"cats\":{\"k\":1}}");
    }

    @Test
    void noRowsIsAnEmptyArray() throws Exception {
        StringWriter out = new StringWriter();
        write(QueryOutput.json(out), out, List.of("x"));
        assertThat(Json.MAPPER.readTree(out.toString()).isEmpty()).isTrue();
    }

    @Test
    void csvQuotesJoinsListsAndNeutralisesFormulasButNotNumbers() {
        StringWriter out = new StringWriter();
        String csv = write(QueryOutput.csv(out), out, List.of("intent", "n", "cats"),
                Arrays.asList("=HYPERLINK(\"x\")", -1.5, List.of("a", "b")), Arrays.asList("a, b", null, List.of()));

        assertThat(csv).isEqualTo("intent,n,cats\n\"'=HYPERLINK(\"\"x\"\")\",-1.5,a;b\n\"a, b\",,\n");
    }
}
