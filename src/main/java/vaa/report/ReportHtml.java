package vaa.report;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * reports/report.html: one self-contained page (inline CSS and SVG, no scripts, no external
 * references) that opens from disk, survives being mailed around and prints. The page is
 * report.html.mustache (with its partials) rendered over a {@link ReportPage}: the template writes
 * all markup and escapes every value it inserts, so text from a transcript, a model, metadata or a
 * file name cannot open a tag or leave an attribute. The markup is XHTML-compatible so that tests
 * can parse it as XML.
 */
final class ReportHtml {
    private static final String RESOURCES = "/vaa/report/";

    private ReportHtml() {}

    /** Compiled once: templates are immutable and safe to render from several threads. */
    private static final class Templates {
        static final Template PAGE = Mustache.compiler()
                .withEscaper(ReportHtml::esc)
                // a section over a name no part of the page has is a typo, not an empty part
                .strictSections(true)
                .withLoader(name -> new StringReader(partial(name)))
                .compile(resource("report.html.mustache"));
    }

    static String render(ReportData d) {
        return Templates.PAGE.execute(new View(ReportPage.of(d), resource("report.css")));
    }

    /**
     * The template's root context. {@code css} is the only value inserted unescaped ({{{css}}}): it
     * is the stylesheet shipped in vaa's jar, never data, and escaping would break its quotes.
     */
    record View(ReportPage page, String css) {}

    /**
     * A partial is a piece of a line (a chart inside its figure, a list of links inside a cell): its
     * file's final line break is not part of it.
     */
    private static String partial(String name) {
        String text = resource(name + ".mustache");
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    private static String resource(String name) {
        try (InputStream in = ReportHtml.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The escaper of every {{value}} in the templates: text for HTML content and attribute values
     * (both quote characters are escaped). Characters XML cannot carry (control codes a transcript
     * may hold) become U+FFFD so that the page stays well-formed.
     */
    private static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                            || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
                    if (ok) {
                        b.appendCodePoint(cp);
                    } else {
                        b.append('\uFFFD');
                    }
                }
            }
        }
        return b.toString();
    }
}
