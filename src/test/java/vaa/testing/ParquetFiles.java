package vaa.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads a Parquet file with parquet-java (the reference Java implementation, and the reader Spark uses), not with
 * DuckDB, which writes vaa's exports: a check by an independent reader. Values come back as Java objects decoded
 * from the physical type and the logical annotation: timestamps as LocalDateTime (not adjusted to UTC) or Instant,
 * strings, booleans, ints, doubles, and 3-level LISTs as Lists.
 */
public final class ParquetFiles {
    public record Table(MessageType schema, List<Map<String, Object>> rows) {}

    private ParquetFiles() {}

    public static Table read(Path file) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            List<Map<String, Object>> rows = new ArrayList<>();
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    rows.add(row(records.read()));
                }
            }
            return new Table(schema, rows);
        }
    }

    private static Map<String, Object> row(Group g) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Type field : g.getType().getFields()) {
            out.put(field.getName(), g.getFieldRepetitionCount(field.getName()) == 0 ? null : value(g, field));
        }
        return out;
    }

    private static Object value(Group g, Type field) {
        String name = field.getName();
        if (!field.isPrimitive()) {
            if (!(field.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation)) {
                throw new IllegalStateException(name + ": only LIST groups are expected, not " + field);
            }
            Group list = g.getGroup(name, 0);
            Type repeated = list.getType().getType(0);
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < list.getFieldRepetitionCount(0); i++) {
                Group element = list.getGroup(0, i);
                Type elementType = repeated.asGroupType().getType(0);
                items.add(element.getFieldRepetitionCount(0) == 0 ? null : value(element, elementType));
            }
            return items;
        }
        PrimitiveType p = field.asPrimitiveType();
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        return switch (p.getPrimitiveTypeName()) {
            case BOOLEAN -> g.getBoolean(name, 0);
            case INT32 -> g.getInteger(name, 0);
            case DOUBLE -> g.getDouble(name, 0);
            case BINARY -> g.getString(name, 0);
            case INT64 -> {
                long v = g.getLong(name, 0);
                if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t
                        && t.getUnit() == LogicalTypeAnnotation.TimeUnit.MICROS) {
                    Instant instant = Instant.EPOCH.plusNanos(v * 1000);
                    yield t.isAdjustedToUTC() ? instant : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
                }
                yield v;
            }
            default -> throw new IllegalStateException(name + ": unexpected physical type " + p);
        };
    }
}
