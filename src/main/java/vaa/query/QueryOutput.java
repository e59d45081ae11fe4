package vaa.query;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vaa.compare.RunExport;
import vaa.io.Json;

/** A query's answer as data for scripts: a JSON array of row objects, or CSV as {@code runs export} writes it. */
public final class QueryOutput {
    private QueryOutput() {}

    /**
     * {@code [{"column": value, ...}, ...]}, keys in column order. Two columns with one name
     * ({@code select 1 as n, 2 as n}) would make a key ambiguous, so the later ones become {@code n_2}, {@code n_3}.
     */
    public static ResultSink json(Writer out) {
        return new ResultSink() {
            private JsonGenerator gen;
            private List<String> keys;

            @Override
            public void columns(List<String> names, List<String> types) {
                keys = uniqueKeys(names);
                io(() -> {
                    gen = Json.MAPPER.createGenerator(out);
                    gen.writeStartArray();
                });
            }

            @Override
            public void row(List<Object> values) {
                io(() -> {
                    gen.writeStartObject();
                    for (int i = 0; i < keys.size(); i++) {
                        gen.writeFieldName(keys.get(i));
                        gen.writeObject(values.get(i));
                    }
                    gen.writeEndObject();
                });
            }

            @Override
            public void end() {
                io(() -> {
                    gen.writeEndArray();
                    gen.flush();
                    out.write('\n');
                    out.flush();
                });
            }
        };
    }

    /** A header line, then a line per row; text quoted and neutralised against spreadsheet formulas, lists joined with ';'. */
    public static ResultSink csv(Writer out) {
        return new ResultSink() {
            @Override
            public void columns(List<String> names, List<String> types) {
                List<Object> header = new ArrayList<>(names);
                row(header);
            }

            @Override
            public void row(List<Object> values) {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < values.size(); i++) {
                    b.append(i > 0 ? "," : "").append(cell(values.get(i)));
                }
                io(() -> out.write(b.append('\n').toString()));
            }

            @Override
            public void end() {
                io(out::flush);
            }
        };
    }

    static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof List<?> list) {
            StringBuilder joined = new StringBuilder();
            list.forEach(x -> joined.append(joined.length() > 0 ? ";" : "").append(x == null ? "" : x));
            return RunExport.csvText(joined.toString());
        }
        return RunExport.csvText(v instanceof String s ? s : Json.MAPPER.valueToTree(v).toString());
    }

    static List<String> uniqueKeys(List<String> names) {
        Set<String> used = new HashSet<>();
        List<String> keys = new ArrayList<>(names.size());
        for (String name : names) {
            String key = name;
            for (int k = 2; !used.add(key); k++) {
                key = name + "_" + k;
            }
            keys.add(key);
        }
        return keys;
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
