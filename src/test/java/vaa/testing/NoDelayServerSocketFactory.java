package vaa.testing;

import java.io.IOException;

/**
 * Server sockets whose accepted connections have TCP_NODELAY set. MockWebServer leaves Nagle's
 * algorithm on, so its separate header and body writes wait for the client's delayed ACK (~40 ms
 * on Linux) on every response; real API front ends set TCP_NODELAY.
 */
public final class NoDelayServerSocketFactory extends javax.net.ServerSocketFactory {
    @Override
    public java.net.ServerSocket createServerSocket() throws IOException {
        return new java.net.ServerSocket() {
            @Override
            public java.net.Socket accept() throws IOException {
                java.net.Socket s = new java.net.Socket();
                implAccept(s);
                s.setTcpNoDelay(true);
                return s;
            }
        };
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port) throws IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port, int backlog) throws IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port, int backlog, java.net.InetAddress address) throws IOException {
        throw new UnsupportedOperationException();
    }
}
