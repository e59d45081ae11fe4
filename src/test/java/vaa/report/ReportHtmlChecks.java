package vaa.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Checks a report.html is well-formed (parses as XML) and self-contained (nothing loaded from anywhere). */
public final class ReportHtmlChecks {
    private static final List<String> FORBIDDEN_ELEMENTS = List.of("script", "link", "img", "iframe", "object", "embed",
            "video", "audio", "source", "base", "form", "image", "use", "foreignObject");
    private static final Pattern LOCAL_HREF = Pattern.compile("#[A-Za-z0-9_-]+|\\.\\./analyses/[A-Za-z0-9._%-]+\\.json");

    private ReportHtmlChecks() {}

    /** Parses the page as XML (no DTD is fetched: the doctype is the bare HTML5 one) and returns the document. */
    public static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
    }

    public static Document assertWellFormedAndSelfContained(String html) throws Exception {
        assertThat(html).startsWith("<!DOCTYPE html>");
        Document doc = parse(html);
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("html");
        walk(doc.getDocumentElement());
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("//cdn")
                .doesNotContainIgnoringCase("url(").doesNotContainIgnoringCase("@import").doesNotContainIgnoringCase("@font-face");
        assertThat(doc.getElementsByTagName("style").getLength()).isEqualTo(1);
        return doc;
    }

    private static void walk(Element e) {
        assertThat(FORBIDDEN_ELEMENTS).as("element <%s> loads or runs something", e.getTagName()).doesNotContain(e.getTagName());
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Node a = attrs.item(i);
            String name = a.getNodeName().toLowerCase();
            assertThat(name).as("attribute on <%s>", e.getTagName()).isNotIn("src", "srcset", "action", "xlink:href", "background", "poster");
            assertThat(name).as("event handler on <%s>", e.getTagName()).doesNotStartWith("on");
            if (name.equals("href")) {
                assertThat(a.getNodeValue()).as("href on <%s>", e.getTagName()).matches(LOCAL_HREF);
            }
        }
        NodeList children = e.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element c) {
                walk(c);
            }
        }
    }

    /** The visible text of the page, as a browser would show it (entities decoded). */
    public static String text(Document doc) {
        return doc.getDocumentElement().getTextContent();
    }
}
