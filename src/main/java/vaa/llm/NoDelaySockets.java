package vaa.llm;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Client sockets with TCP_NODELAY. OkHttp writes a request in two or three {@code write()} calls and
 * leaves Nagle's algorithm on, so on a reused connection the last part waits for the server's delayed
 * ACK: about 40 ms added to every request after a connection's first (issue 16).
 */
final class NoDelaySockets extends SocketFactory {
    private final SocketFactory base;

    NoDelaySockets(SocketFactory base) {
        this.base = base;
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(base.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(base.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(base.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(base.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return noDelay(base.createSocket(address, port, localAddress, localPort));
    }

    private static Socket noDelay(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }
}
