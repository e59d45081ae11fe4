package vaa.ask;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import vaa.VaaException;
import vaa.io.MessageSink;
import vaa.run.Run;

/**
 * The BM25 index of one run's analysed calls, in {@code <run>/cache/ask-index/}.
 *
 * <p>The index is derived data, like the model response cache next to it: rebuilt from the run's
 * files whenever their fingerprint changes, never a result. Lucene writes it with its own file IO
 * (write-once segment files, a new {@code segments_N} per commit), not through {@link Run#write},
 * so it can be built inside a sealed run, whose analyses cannot change and so whose index is built
 * once. Builders in other processes are kept apart by Lucene's {@code write.lock}; readers never
 * wait. Where the directory cannot be written (a read-only copy of a run) the index is built in
 * memory instead, for the life of this object.
 */
public final class CallIndex implements AutoCloseable {
    static final String DIR = "ask-index";
    static final String ID = "id";
    static final String NOTES = "notes";
    static final String FACETS = "facets";
    static final String FRICTION = "friction";
    static final String META = "meta";
    static final String TRANSCRIPT = "transcript";
    static final String CARD = "card";

    /** The judge's words weigh most; the transcript matches nearly anything, so it only tips the balance. */
    private static final Map<String, Float> BOOSTS = Map.of(NOTES, 2.0f, FACETS, 2.0f, FRICTION, 1.5f, META, 1.0f, TRANSCRIPT, 0.6f);
    /** Builds this large take seconds; below it they are quick enough to need no note. */
    private static final int ANNOUNCE_BUILD_FROM = 1_000;
    /** A little credit for matching in a second field, without letting one word dominate. */
    private static final float TIE_BREAKER = 0.2f;
    private static final long LOCK_WAIT_MS = 120_000;
    private static final long LOCK_POLL_MS = 200;
    private static final double RAM_BUFFER_MB = 64;

    /** How the index stands after a check. {@code location} is relative to the run, or {@code memory}. */
    public record Status(@JsonProperty("documents") int documents, @JsonProperty("unreadable") int unreadable,
                         @JsonProperty("rebuilt") boolean rebuilt, @JsonProperty("build_ms") long buildMs,
                         @JsonProperty("location") String location) {}

    /** One retrieved call with its BM25 score. */
    public record Hit(String callId, float score, CallCard card) {}

    private final Run run;
    private final MessageSink messages;
    private final Analyzer analyzer = QueryTerms.analyzer();
    private Directory directory;
    private boolean inMemory;
    private DirectoryReader reader;
    private IndexSearcher searcher;
    private String fingerprint;
    /** When the open index was last found current; lets a question skip the scan. */
    private IndexSource.Stamp stamp;
    private int unreadable;

    private CallIndex(Run run, MessageSink messages) {
        this.run = run;
        this.messages = messages;
    }

    /** Opens the run's index without reading or building anything yet; {@link #refresh()} does that. */
    public static CallIndex open(Run run, MessageSink messages) {
        return new CallIndex(run, messages);
    }

    public Path dir() {
        return run.cacheDir().resolve(DIR);
    }

    /** Makes the index match the run's files, rebuilding it when they changed since it was built. */
    public Status refresh() {
        if (reader != null && stamp != null && stamp.stillHolds(run)) {
            return status(false, 0);
        }
        IndexSource source = IndexSource.scan(run);
        try {
            if (reader != null && source.fingerprint().equals(fingerprint)) {
                stamp = source.stamp();
                return status(false, 0);
            }
            if (directory == null) {
                directory = openDirectory();
            }
            if (!source.fingerprint().equals(committed(directory).get("fingerprint"))) {
                long t0 = System.nanoTime();
                boolean built = build(source);
                openReader();
                stamp = fingerprint.equals(source.fingerprint()) ? source.stamp() : null;
                return status(built, built ? (System.nanoTime() - t0) / 1_000_000 : 0);
            }
            openReader();
            stamp = fingerprint.equals(source.fingerprint()) ? source.stamp() : null;
            return status(false, 0);
        } catch (IOException e) {
            throw VaaException.failure("Cannot use the ask index in " + location() + ": " + e.getMessage()
                    + ". It is rebuilt from the run's files: delete it and ask again.", e);
        }
    }

    /** The calls best matching the terms, best first; none when no term occurs anywhere. */
    public List<Hit> search(Set<String> terms, int limit) {
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        for (String t : terms) {
            List<Query> perField = new ArrayList<>();
            BOOSTS.forEach((field, boost) -> perField.add(new BoostQuery(new TermQuery(new Term(field, t)), boost)));
            q.add(new DisjunctionMaxQuery(perField, TIE_BREAKER), BooleanClause.Occur.SHOULD);
        }
        try {
            ScoreDoc[] docs = searcher().search(q.build(), limit).scoreDocs;
            StoredFields stored = searcher().storedFields();
            List<Hit> hits = new ArrayList<>(docs.length);
            for (ScoreDoc d : docs) {
                CallCard card = CallDocuments.card(stored.document(d.doc, Set.of(CARD)).getBinaryValue(CARD));
                hits.add(new Hit(card.callId(), d.score, card));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the run has a call with this id (for telling a mistyped citation from a call that was not shown). */
    public boolean contains(String callId) {
        try {
            return searcher().count(new TermQuery(new Term(ID, callId))) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** BM25's inverse document frequency of a term in the transcripts: rare words make better quotes. */
    public double transcriptIdf(String term) {
        try {
            int n = reader().numDocs();
            int df = reader().docFreq(new Term(TRANSCRIPT, term));
            return Math.log(1 + (n - df + 0.5) / (df + 0.5));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fingerprint of the run's files the open index was built from; null before {@link #refresh()}. */
    public String fingerprint() {
        return fingerprint;
    }

    public Analyzer analyzer() {
        return analyzer;
    }

    /** False when another process built the same state while this one waited for the lock. */
    private boolean build(IndexSource source) throws IOException {
        IndexWriter writer = writer();
        boolean committed = false;
        try {
            if (source.fingerprint().equals(committed(directory).get("fingerprint"))) {
                return false;
            }
            if (source.analyses().size() >= ANNOUNCE_BUILD_FROM) {
                messages.info(String.format(Locale.ROOT, "Indexing %,d analyses of run %s for questions (done once, again only when they change)...",
                        source.analyses().size(), run.id()));
            }
            AtomicInteger bad = new AtomicInteger();
            try {
                // parsing JSON is most of the work; IndexWriter takes documents from many threads
                source.analyses().parallelStream().forEach(p -> {
                    Optional<Document> doc = CallDocuments.read(p, source.sampledDir());
                    if (doc.isEmpty()) {
                        bad.incrementAndGet();
                        return;
                    }
                    try {
                        writer.addDocument(doc.get());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            Map<String, String> data = new LinkedHashMap<>();
            data.put("fingerprint", source.fingerprint());
            data.put("format", IndexSource.FORMAT);
            data.put("built_at", run.now());
            data.put("unreadable", String.valueOf(bad.get()));
            writer.setLiveCommitData(data.entrySet());
            writer.commit();
            committed = true;
            return true;
        } finally {
            if (committed) {
                writer.close();
            } else {
                writer.rollback();
            }
        }
    }

    /** A writer that replaces the whole index, waiting while another process builds it. */
    private IndexWriter writer() throws IOException {
        long deadline = System.currentTimeMillis() + LOCK_WAIT_MS;
        boolean told = false;
        while (true) {
            try {
                return new IndexWriter(directory, new IndexWriterConfig(analyzer)
                        .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                        .setRAMBufferSizeMB(RAM_BUFFER_MB)
                        .setCommitOnClose(false));
            } catch (LockObtainFailedException e) {
                if (System.currentTimeMillis() > deadline) {
                    messages.warn("The ask index of run " + run.id() + " stayed locked by another process; using an index in memory.");
                    useMemory();
                    continue;
                }
                if (!told) {
                    messages.info("Another vaa process is building the ask index of run " + run.id() + "; waiting for it...");
                    told = true;
                }
                pause();
            } catch (IOException e) {
                if (inMemory) {
                    throw e;
                }
                messages.warn("Cannot write the ask index in " + location() + " (" + e.getMessage() + "); using an index in memory.");
                useMemory();
            }
        }
    }

    private Directory openDirectory() {
        try {
            Files.createDirectories(dir());
            return FSDirectory.open(dir());
        } catch (IOException e) {
            messages.warn("Cannot create the ask index in " + location() + " (" + e.getMessage() + "); using an index in memory.");
            inMemory = true;
            return new ByteBuffersDirectory();
        }
    }

    private void useMemory() throws IOException {
        directory.close();
        directory = new ByteBuffersDirectory();
        inMemory = true;
    }

    private void openReader() throws IOException {
        DirectoryReader next = DirectoryReader.open(directory);
        if (reader != null) {
            reader.close();
        }
        reader = next;
        searcher = new IndexSearcher(next);
        Map<String, String> data = next.getIndexCommit().getUserData();
        fingerprint = data.get("fingerprint");
        unreadable = Integer.parseInt(data.getOrDefault("unreadable", "0"));
    }

    /** The user data of the last commit, empty when there is none yet (or it is unreadable, and so rebuilt). */
    private static Map<String, String> committed(Directory dir) {
        try {
            Map<String, String> data = SegmentInfos.readLatestCommit(dir).getUserData();
            return IndexSource.FORMAT.equals(data.get("format")) ? data : Map.of();
        } catch (IOException e) {
            // none yet (IndexNotFoundException), or damaged: either way it is rebuilt from the run's files,
            // and a real I/O problem shows up then
            return Map.of();
        }
    }

    private Status status(boolean rebuilt, long ms) {
        return new Status(reader.numDocs(), unreadable, rebuilt, ms, location());
    }

    private String location() {
        return inMemory ? "memory" : run.dir().relativize(dir()).toString();
    }

    private IndexSearcher searcher() {
        if (searcher == null) {
            throw new IllegalStateException("refresh() the index before searching it");
        }
        return searcher;
    }

    private DirectoryReader reader() {
        searcher();
        return reader;
    }

    private static void pause() {
        try {
            Thread.sleep(LOCK_POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaaException(VaaException.INTERRUPTED, "Interrupted while waiting for the ask index.");
        }
    }

    @Override
    public void close() {
        try {
            if (reader != null) {
                reader.close();
            }
            if (directory != null) {
                directory.close();
            }
        } catch (IOException e) {
            throw VaaException.failure("Cannot close the ask index: " + e.getMessage(), e);
        } finally {
            analyzer.close();
        }
    }
}
