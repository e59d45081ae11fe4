package vaa.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvTest {
    @TempDir
    Path ws;

    private Env load(String dotEnv) throws Exception {
        Files.writeString(ws.resolve(".env"), dotEnv);
        return Env.load(ws);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            K="abc" # the key                | abc
            K='abc' # the key                | abc
            K="abc"# no space before it      | abc
            K=abc # the key                  | abc
            K=abc\t# a tab before the comment | abc
            K=abc#def                        | abc#def
            K="abc # not a comment"          | abc # not a comment
            K='a#b'                          | a#b
            export K=abc                     | abc
            export   K = "abc"               | abc
            `  K  =  abc  `                  | abc
            K="a\\"b"                        | a"b
            K='it\\'s'                       | it's
            K='a\\nb'                        | a\\nb
            K="sk-\\x"                       | sk-\\x
            'K'=abc                          | abc
            """)
    void aValueIsReadAsDotenvReadsIt(String line, String expected) throws Exception {
        assertThat(load(line + "\n").get("K")).contains(expected);
    }

    @Test
    void aDoubleQuotedValueDecodesEscapesAndMaySpanLines() throws Exception {
        Env env = load("PEM=\"line one\nline two\"\nTABS=\"a\\tb\\nc\"\nNEXT=after\n");
        assertThat(env.get("PEM")).contains("line one\nline two");
        assertThat(env.get("TABS")).contains("a\tb\nc");
        assertThat(env.get("NEXT")).contains("after");
    }

    @Test
    void commentsBlankLinesCrlfAndABomAreIgnored() throws Exception {
        Env env = load("\uFEFF# keys\r\n\r\nA=1\r\n  # indented comment\r\nB='2'\r\n");
        assertThat(env.get("A")).contains("1");
        assertThat(env.get("B")).contains("2");
        assertThat(env.has("#")).isFalse();
    }

    @Test
    void aLineThatDoesNotParseIsSkippedAndTheNextOnesAreRead() throws Exception {
        Env env = load("BROKEN=\"never closed\nAFTER_QUOTE=\"x\" trailing\nNO_EQUALS\nGOOD=yes\nEMPTY=\nLATER=1\nLATER=2\n");
        assertThat(env.has("BROKEN")).isFalse();
        assertThat(env.has("AFTER_QUOTE")).isFalse();
        assertThat(env.has("NO_EQUALS")).isFalse();
        assertThat(env.has("EMPTY")).isFalse();
        assertThat(env.get("GOOD")).contains("yes");
        assertThat(env.get("LATER")).contains("2");
    }

    @Test
    void theEnvironmentWinsOverTheFile() throws Exception {
        String path = System.getenv("PATH");
        assertThat(load("PATH=\"/from/dotenv\" # ignored\n").get("PATH")).contains(path.strip());
    }
}
