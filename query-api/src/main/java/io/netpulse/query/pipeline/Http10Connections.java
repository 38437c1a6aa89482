package io.netpulse.query.pipeline;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.Bytes;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Serves HTTP/1.0 requests, which Helidon 4 refuses outright (its HTTP/1 selector accepts only {@code HTTP/1.1}
 * request lines, and the connection is closed without an answer): nginx speaks HTTP/1.0 to its upstreams by
 * default, and {@code curl --http1.0} is a common probe. A connection whose first request line ends in
 * {@code HTTP/1.0} is handed to Helidon's HTTP/1.1 connection with that line read as {@code HTTP/1.1} and a
 * {@code Connection: close} header added; once the answer is written the connection reads no further request, so
 * it is closed after one answer, as HTTP/1.0 expects (Helidon itself waits for the client to close). The answer's
 * status line says HTTP/1.1, as RFC 9110 section 6.2 asks of a server that speaks 1.1; its length is always given.
 */
final class Http10Connections implements ServerConnectionSelector {

    private static final String HTTP_1_0 = " HTTP/1.0\r";
    private static final byte[] CLOSE = "Connection: close\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Http1ConnectionSelector http11;

    Http10Connections(Http1Config config) {
        this.http11 = Http1ConnectionSelector.builder().config(config).build();
    }

    @Override
    public int bytesToIdentifyConnection() {
        return 0;
    }

    @Override
    public Support supports(BufferData request) {
        int lf = request.indexOf(Bytes.LF_BYTE);
        if (lf == -1) {
            return Support.UNKNOWN;
        }
        return request.readString(lf).endsWith(HTTP_1_0) ? Support.SUPPORTED : Support.UNSUPPORTED;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return Set.of();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        Answered answered = new Answered(ctx.dataWriter());
        return http11.connection(new AsHttp11(ctx, DataReader.create(new Rewriting(ctx.dataReader(), answered)),
                answered));
    }

    /** The connection's writer, noting that the answer has been written. */
    private static final class Answered implements DataWriter {
        private final DataWriter writer;
        private volatile boolean written;

        Answered(DataWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(BufferData... buffers) {
            written = true;
            writer.write(buffers);
        }

        @Override
        public void write(BufferData buffer) {
            written = true;
            writer.write(buffer);
        }

        @Override
        public void writeNow(BufferData... buffers) {
            written = true;
            writer.writeNow(buffers);
        }

        @Override
        public void writeNow(BufferData buffer) {
            written = true;
            writer.writeNow(buffer);
        }

        @Override
        public void flush() {
            writer.flush();
        }

        @Override
        public void close() {
            writer.close();
        }
    }

    /**
     * The bytes of the connection, its first request line read as HTTP/1.1 and told to close, and no more once the
     * answer is written: the end of data closes the connection.
     */
    private static final class Rewriting implements Supplier<byte[]> {
        private final DataReader original;
        private final Answered answered;
        private boolean first = true;

        Rewriting(DataReader original, Answered answered) {
            this.original = original;
            this.answered = answered;
        }

        @Override
        public byte[] get() {
            if (answered.written) {
                return null;
            }
            try {
                original.ensureAvailable();
            } catch (DataReader.InsufficientDataAvailableException e) {
                return null;
            }
            byte[] bytes = original.readBytes(original.available());
            if (!first) {
                return bytes;
            }
            first = false;
            // the selector saw the whole first line in these bytes: "... HTTP/1.0\r\n"
            int lf = indexOf(bytes, Bytes.LF_BYTE);
            bytes[lf - 2] = '1';
            byte[] rewritten = new byte[bytes.length + CLOSE.length];
            System.arraycopy(bytes, 0, rewritten, 0, lf + 1);
            System.arraycopy(CLOSE, 0, rewritten, lf + 1, CLOSE.length);
            System.arraycopy(bytes, lf + 1, rewritten, lf + 1 + CLOSE.length, bytes.length - lf - 1);
            return rewritten;
        }

        private static int indexOf(byte[] bytes, byte wanted) {
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == wanted) {
                    return i;
                }
            }
            throw new IllegalStateException("no request line in the first bytes of an HTTP/1.0 connection");
        }
    }

    /** The connection's context with the rewriting reader and the noting writer. */
    private record AsHttp11(ConnectionContext ctx, DataReader dataReader, DataWriter dataWriter)
            implements ConnectionContext {
        @Override
        public ListenerContext listenerContext() {
            return ctx.listenerContext();
        }

        @Override
        public ExecutorService executor() {
            return ctx.executor();
        }

        @Override
        public Router router() {
            return ctx.router();
        }

        @Override
        public Optional<ProxyProtocolData> proxyProtocolData() {
            return ctx.proxyProtocolData();
        }

        @Override
        public HelidonSocket serverSocket() {
            return ctx.serverSocket();
        }

        @Override
        public PeerInfo remotePeer() {
            return ctx.remotePeer();
        }

        @Override
        public PeerInfo localPeer() {
            return ctx.localPeer();
        }

        @Override
        public boolean isSecure() {
            return ctx.isSecure();
        }

        @Override
        public String socketId() {
            return ctx.socketId();
        }

        @Override
        public String childSocketId() {
            return ctx.childSocketId();
        }
    }
}
