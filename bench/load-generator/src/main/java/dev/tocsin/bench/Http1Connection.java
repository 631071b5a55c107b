package dev.tocsin.bench;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One blocking HTTP/1.1 keep-alive connection that sends prepared requests and reads just the
 * status and the framing of each answer. The generator shares two cores with the server it
 * measures, so it must be cheap: the JDK's HttpClient spent several times the CPU per request
 * that Alertmanager itself did, which skewed the very figures it was measuring.
 */
final class Http1Connection implements Closeable {

    private static final int TIMEOUT_MS = 30_000;

    private final InetSocketAddress address;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private final StringBuilder line = new StringBuilder();

    Http1Connection(URI uri) {
        this.address = new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
    }

    /** The bytes of a POST of a JSON body, to send as they are. */
    static byte[] post(URI uri, String authorization, byte[] json) {
        String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost()
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Length: " + json.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + json.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(json, 0, request, headBytes.length, json.length);
        return request;
    }

    /** Sends a prepared request and returns the answer's status, having read past its body. */
    int send(byte[] request) throws IOException {
        if (socket == null) {
            Socket connected = new Socket();
            try {
                connected.setTcpNoDelay(true);
                connected.connect(address, 5_000);
                connected.setSoTimeout(TIMEOUT_MS);
                out = connected.getOutputStream();
                in = new BufferedInputStream(connected.getInputStream(), 16 * 1024);
            } catch (IOException e) {
                connected.close();
                throw e;
            }
            socket = connected;
        }
        try {
            out.write(request);
            out.flush();
            return readResponse();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private int readResponse() throws IOException {
        String status = readLine();
        if (!status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x answer: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = 0;
        boolean chunked = false;
        boolean closes = false;
        for (String header; !(header = readLine()).isEmpty(); ) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closes = true;
            }
        }
        if (chunked) {
            for (long size; (size = Long.parseLong(readLine().split(";")[0].trim(), 16)) > 0; ) {
                skip(size);
                readLine();
            }
            while (!readLine().isEmpty()) {
                // trailers
            }
        } else {
            skip(length);
        }
        if (closes) {
            close();
        }
        return code;
    }

    private String readLine() throws IOException {
        line.setLength(0);
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("connection closed by the server");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private void skip(long bytes) throws IOException {
        for (long left = bytes; left > 0; ) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed by the server");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection; nothing left to do
            }
            socket = null;
        }
    }
}
