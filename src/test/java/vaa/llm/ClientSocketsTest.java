package vaa.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static vaa.llm.FakeOpenAi.KEY;
import static vaa.llm.FakeOpenAi.answer;
import static vaa.llm.FakeOpenAi.hello;
import static vaa.llm.FakeOpenAi.model;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.SocketFactory;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

/** The client's sockets, against a server that leaves Nagle's algorithm on (MockWebServer's default). */
class ClientSocketsTest {
    @Test
    void everySocketTheSdkOpensHasTcpNoDelayAndIsReusedForTheNextRequest() throws Exception {
        Recording sockets = new Recording();
        assertThat(sockets.createSocket().getTcpNoDelay()).as("the JDK's default, which the client must override").isFalse();
        sockets.made.clear();
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(answer("one"));
            server.enqueue(answer("two"));
            server.start();
            ResolvedModel model = model(server, KEY);
            try (OpenAiSdk.Client sdk = OpenAiSdk.build(model, FakeOpenAi.fastOptions(), sockets)) {
                LlmClient client = new OpenAiCompatibleClient(model, sdk::sdk, OpenAiSdk.unpaced(), Clock.systemUTC());

                assertThat(client.complete(hello()).content()).isEqualTo("one");
                assertThat(client.complete(hello()).content()).isEqualTo("two");
            }
            assertThat(server.takeRequest().getSequenceNumber()).isZero();
            assertThat(server.takeRequest().getSequenceNumber()).as("the second request reused the connection").isEqualTo(1);
        }
        assertThat(sockets.made).hasSize(1);
        assertThat(sockets.noDelay).containsExactly(true);
    }

    /** The JDK's plain sockets, each recorded with its TCP_NODELAY as it was when the request went out. */
    private static final class Recording extends SocketFactory {
        final List<Socket> made = new CopyOnWriteArrayList<>();
        final List<Boolean> noDelay = new CopyOnWriteArrayList<>();

        @Override
        public Socket createSocket() {
            Socket s = new Socket() {
                @Override
                public java.io.OutputStream getOutputStream() throws IOException {
                    noDelay.add(getTcpNoDelay());
                    return super.getOutputStream();
                }
            };
            made.add(s);
            return s;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            throw new IOException("OkHttp connects unconnected sockets itself");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            throw new IOException("OkHttp connects unconnected sockets itself");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            throw new IOException("OkHttp connects unconnected sockets itself");
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            throw new IOException("OkHttp connects unconnected sockets itself");
        }
    }
}
