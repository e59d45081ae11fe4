package vaa.ask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;
import vaa.io.Json;

/**
 * One Lucene document per analysed call. The judge's prose goes to {@code notes}, friction to
 * {@code friction}, the words said to {@code transcript}; {@code facets} adds the plain words people
 * ask in ("failed", "escalation", "frustrated") for what the judgement records as fields, because
 * BM25 only sees words and "partially_resolved" never says "fail". The card is stored whole.
 */
final class CallDocuments {
    private static final ObjectWriter COMPACT = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private CallDocuments() {}

    /** The call's document, or empty when the analysis cannot be read (counted by the caller, as metrics counts it). */
    static Optional<Document> read(Path analysisFile, Path sampledDir) {
        JsonNode analysis;
        try {
            analysis = Json.MAPPER.readTree(analysisFile.toFile());
        } catch (IOException e) {
            return Optional.empty();
        }
        if (!analysis.isObject()) {
            return Optional.empty();
        }
        String stem = stem(analysisFile);
        String id = analysis.path("call_id").asText("");
        CallCard card = CallCards.of(id.isBlank() ? stem : id, analysis, transcript(sampledDir.resolve(stem + ".json")));
        return Optional.of(document(card));
    }

    static Document document(CallCard c) {
        Document d = new Document();
        d.add(new StringField(CallIndex.ID, c.callId(), Field.Store.YES));
        d.add(new TextField(CallIndex.NOTES, notes(c), Field.Store.NO));
        d.add(new TextField(CallIndex.FACETS, facets(c), Field.Store.NO));
        d.add(new TextField(CallIndex.FRICTION, friction(c), Field.Store.NO));
        d.add(new TextField(CallIndex.META, String.join(" ", c.metadata().values()), Field.Store.NO));
        d.add(new TextField(CallIndex.TRANSCRIPT, transcript(c), Field.Store.NO));
        try {
            d.add(new StoredField(CallIndex.CARD, new BytesRef(COMPACT.writeValueAsBytes(c))));
        } catch (IOException e) {
            throw new IllegalStateException("a card always serialises", e);
        }
        return d;
    }

    static CallCard card(BytesRef bytes) {
        try {
            return Json.MAPPER.readValue(bytes.bytes, bytes.offset, bytes.length, CallCard.class);
        } catch (IOException e) {
            throw new IllegalStateException("the index holds a card it cannot read back; delete cache/ask-index to rebuild it", e);
        }
    }

    private static String notes(CallCard c) {
        List<String> parts = new ArrayList<>();
        add(parts, c.intent(), c.outcome(), c.summary(), c.failureReason(), c.improvementSuggestion());
        c.agentErrors().forEach(e -> add(parts, e.category(), e.description()));
        return words(parts);
    }

    private static String friction(CallCard c) {
        List<String> parts = new ArrayList<>();
        c.friction().forEach(f -> add(parts, f.category(), f.description(), f.quote()));
        return words(parts);
    }

    private static String transcript(CallCard c) {
        StringBuilder b = new StringBuilder();
        c.lines().forEach(l -> b.append(l.text()).append('\n'));
        return b.toString();
    }

    static String facets(CallCard c) {
        List<String> w = new ArrayList<>();
        if (!c.judged()) {
            w.add("unjudged structural only");
            return words(w);
        }
        String outcome = c.outcome() == null ? "" : c.outcome();
        if (!outcome.isEmpty() && !outcome.equals("resolved")) {
            w.add("failed failure fail unsuccessful problem");
        }
        if (outcome.equals("escalated") || Boolean.TRUE.equals(c.escalationRequested())) {
            w.add("escalated escalation transfer human supervisor");
        }
        if (outcome.equals("abandoned")) {
            w.add("abandoned hung up dropped");
        }
        if (Boolean.TRUE.equals(c.taskCompleted())) {
            w.add("completed success successful");
        } else if (Boolean.FALSE.equals(c.taskCompleted())) {
            w.add("incomplete not completed");
        }
        if ("negative".equals(c.sentimentEnd())) {
            w.add("negative frustrated unhappy upset angry");
        }
        if (!c.friction().isEmpty()) {
            w.add("friction");
        }
        if (!c.agentErrors().isEmpty()) {
            w.add("agent error mistake");
        }
        return words(w);
    }

    private static void add(List<String> parts, String... values) {
        for (String v : values) {
            if (v != null) {
                parts.add(v);
            }
        }
    }

    /** Underscores join words for the tokenizer; "long_wait" should match "wait". */
    private static String words(List<String> parts) {
        return String.join("\n", parts).replace('_', ' ');
    }

    private static JsonNode transcript(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            return null;   // the call is still indexed from its analysis; its lines are simply not searchable
        }
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".json".length());
    }
}
