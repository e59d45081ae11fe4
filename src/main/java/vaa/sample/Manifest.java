package vaa.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vaa.VaaException;

/** manifest.csv: the sample, one row per call, in draw order. Same source + seed + n gives the same bytes. */
public final class Manifest {
    public static final String HEADER = "call_id,source_path,sha256,bytes,format";

    /** One sampled call: where it came from and a fingerprint of the source file. */
    public record Row(String callId, String sourcePath, String sha256, long bytes, String format) {}

    private Manifest() {}

    public static String render(List<Row> rows) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (Row r : rows) {
            b.append(csv(r.callId())).append(',').append(csv(r.sourcePath())).append(',').append(r.sha256())
                    .append(',').append(r.bytes()).append(',').append(r.format()).append('\n');
        }
        return b.toString();
    }

    public static List<Row> read(Path file) {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (!HEADER.equals(header)) {
                throw VaaException.failure(file + " is not a vaa manifest (header: " + header + ")");
            }
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                List<String> f = parse(line);
                if (f.size() != 5) {
                    throw VaaException.failure("Malformed manifest row in " + file + ": " + line);
                }
                rows.add(new Row(f.get(0), f.get(1), f.get(2), Long.parseLong(f.get(3)), f.get(4)));
            }
        } catch (IOException e) {
            throw VaaException.failure("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return rows;
    }

    static String csv(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    static List<String> parse(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
