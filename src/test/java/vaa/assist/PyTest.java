package vaa.assist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vaa.io.Json;

/** Expected strings were produced by CPython 3 from the same JSON. */
class PyTest {
    static final String INPUT = """
            {"phase": "pitch", "score": 0.5, "big": 1e16, "small": 1e-05, "n": 3, "ok": true, "none": null,
             "empty_list": [], "empty_obj": {}, "text": "Sælger sagde \\"hej\\"\\n\\ttab\\\\ \\u0001",
             "nested": {"list": [1, "two", {"three": 3.25}]}}
            """;

    private static JsonNode input() throws Exception {
        return Json.MAPPER.readTree(INPUT);
    }

    @Test
    void dumpsMatchesPythonJsonDumpsWithIndentTwoAndEnsureAsciiOff() throws Exception {
        assertThat(Py.dumps(input())).isEqualTo("""
                {
                  "phase": "pitch",
                  "score": 0.5,
                  "big": 1e+16,
                  "small": 1e-05,
                  "n": 3,
                  "ok": true,
                  "none": null,
                  "empty_list": [],
                  "empty_obj": {},
                  "text": "Sælger sagde \\"hej\\"\\n\\ttab\\\\ \\u0001",
                  "nested": {
                    "list": [
                      1,
                      "two",
                      {
                        "three": 3.25
                      }
                    ]
                  }
                }""");
    }

    @Test
    void strMatchesPythonStrOfTheLoadedValue() throws Exception {
        assertThat(Py.str(input())).isEqualTo("{'phase': 'pitch', 'score': 0.5, 'big': 1e+16, 'small': 1e-05, 'n': 3,"
                + " 'ok': True, 'none': None, 'empty_list': [], 'empty_obj': {}, 'text': 'Sælger sagde \"hej\"\\n\\ttab\\\\ \\x01',"
                + " 'nested': {'list': [1, 'two', {'three': 3.25}]}}");
        assertThat(Py.str(input().get("phase"))).isEqualTo("pitch");
        assertThat(Py.str(input().get("none"))).isEqualTo("None");
        assertThat(Py.str(input().get("ok"))).isEqualTo("True");
    }

    @Test
    void floatReprMatchesPython() {
        assertThat(Py.floatRepr(1e16)).isEqualTo("1e+16");
        assertThat(Py.floatRepr(1.5e-7)).isEqualTo("1.5e-07");
        assertThat(Py.floatRepr(123456789012345678.0)).isEqualTo("1.2345678901234568e+17");
        assertThat(Py.floatRepr(0.1)).isEqualTo("0.1");
        assertThat(Py.floatRepr(-2.5)).isEqualTo("-2.5");
        assertThat(Py.floatRepr(100.0)).isEqualTo("100.0");
        assertThat(Py.floatRepr(1e-4)).isEqualTo("0.0001");
        assertThat(Py.floatRepr(12345.678)).isEqualTo("12345.678");
    }

    @Test
    void stringReprPicksQuotesAsPythonDoes() {
        assertThat(Py.repr("it's")).isEqualTo("\"it's\"");
        assertThat(Py.repr("say \"hi\" it's")).isEqualTo("'say \"hi\" it\\'s'");
        assertThat(Py.repr("a\\b\n")).isEqualTo("'a\\\\b\\n'");
    }

    @Test
    void lengthsAndSlicesCountCodePointsLikePython() {
        String s = "a😀b";
        assertThat(Py.len(s)).isEqualTo(3);
        assertThat(Py.head(s, 2)).isEqualTo("a😀");
        assertThat(Py.head(s, 10)).isEqualTo(s);
    }
}
