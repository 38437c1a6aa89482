package io.netpulse.query.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Requests written byte for byte on a socket, for what HTTP clients will not send (HTTP/1.0, broken framing,
 * oversized headers) and for several requests on one keep-alive connection.
 */
final class RawHttp {

    private RawHttp() {
    }

    /**
     * One answer as read from the socket.
     *
     * @param statusLine the first line, without CRLF
     * @param headers    the header lines, as sent
     * @param body       the body as text
     */
    record Answer(String statusLine, List<String> headers, String body) {

        /** The value of header {@code name} (any case), or null. */
        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).strip()).findFirst().orElse(null);
        }
    }

    /** Writes {@code requests} on one connection to {@code port} and reads {@code answers} answers. */
    static List<Answer> exchange(int port, String requests, int answers) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(requests.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            List<Answer> read = new ArrayList<>();
            for (int i = 0; i < answers; i++) {
                read.add(readAnswer(in));
            }
            return read;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code request} on a new connection and reads one answer. */
    static Answer exchange(int port, String request) {
        return exchange(port, request, 1).getFirst();
    }

    /** Whether the server closed the connection after one answer to {@code request}. */
    static boolean closedAfterOneAnswer(int port, String request) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            readAnswer(in);
            return in.read() == -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer readAnswer(InputStream in) throws IOException {
        String statusLine = line(in);
        List<String> headers = new ArrayList<>();
        int length = 0;
        boolean chunked = false;
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            headers.add(line);
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).strip());
            }
            chunked |= lower.startsWith("transfer-encoding:") && lower.endsWith("chunked");
        }
        byte[] body = chunked ? chunks(in) : in.readNBytes(length);
        return new Answer(statusLine, headers, new String(body, StandardCharsets.UTF_8));
    }

    /** A chunked body, its chunks joined (RFC 9112 section 7.1; no trailers expected). */
    private static byte[] chunks(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line(in).strip(), 16); size > 0; size = Integer.parseInt(line(in).strip(),
                16)) {
            body.write(in.readNBytes(size));
            line(in);
        }
        line(in);
        return body.toByteArray();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b == -1) {
                throw new IOException("connection closed mid-answer after: " + line);
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
