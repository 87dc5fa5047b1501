package com.stockticker.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client on a plain socket, for what the JDK's client cannot do: come from another loopback
 * address (the server sees {@code 127.0.0.2} as another machine), keep a tiny receive buffer and stop reading.
 * It speaks just enough RFC 6455 for STOMP frames under 64 KiB.
 */
public final class RawWebSocket implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private String handshakeResponse;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
    }

    /**
     * Opens {@code /ws} on the local server.
     *
     * @param from the local address to connect from, such as {@code 127.0.0.2}; {@code null} for any
     * @param receiveBuffer the socket's receive buffer in bytes; 0 for the system's default
     */
    public static RawWebSocket open(int port, String from, int receiveBuffer) throws IOException {
        return open(port, from, receiveBuffer, "");
    }

    /** @param extraHeaders more handshake header lines, each ending in CRLF, such as a {@code Sec-WebSocket-Extensions} offer */
    public static RawWebSocket open(int port, String from, int receiveBuffer, String extraHeaders) throws IOException {
        RawWebSocket webSocket = new RawWebSocket(socket(port, from, receiveBuffer));
        webSocket.handshake(port, extraHeaders);
        return webSocket;
    }

    /** The server's answer to the handshake: the status line and the headers. */
    public String handshakeResponse() {
        return handshakeResponse;
    }

    private void handshake(int port, String extraHeaders) throws IOException {
        out.write(("GET /ws HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: cmF3LXdlYnNvY2tldC0xNg==\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("Connection closed during the handshake");
            }
            head.write(next);
        }
        handshakeResponse = head.toString(StandardCharsets.US_ASCII);
        if (!handshakeResponse.startsWith("HTTP/1.1 101")) {
            throw new IOException("Handshake refused: " + head);
        }
    }

    /** Sends a text message: final, masked (RFC 6455 requires clients to mask), payload under 64 KiB. */
    public void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = { 1, 2, 3, 4 };
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        }
        else {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        }
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Reads one unfragmented server message (servers do not mask) with a payload under 64 KiB, as text. */
    public String readText() throws IOException {
        return readFrame().text();
    }

    /**
     * Reads until the server closes the connection; returns the text messages it sent before, and the close
     * frame's status code, or -1 if the connection ended without one.
     */
    public Closed readUntilClosed() throws IOException {
        java.util.List<String> texts = new java.util.ArrayList<>();
        while (true) {
            Frame frame;
            try {
                frame = readFrame();
            }
            catch (java.io.EOFException | java.net.SocketException ex) {
                return new Closed(texts, -1);
            }
            if (frame.opcode() == 8) {
                int status = frame.payload().length >= 2 ? ((frame.payload()[0] & 0xFF) << 8) | (frame.payload()[1] & 0xFF) : -1;
                return new Closed(texts, status);
            }
            if (frame.opcode() == 1 || frame.opcode() == 2) {
                texts.add(frame.text());
            }
        }
    }

    private Frame readFrame() throws IOException {
        int opcode = in.readUnsignedByte() & 0x0F;
        int length = in.readUnsignedByte() & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        }
        return new Frame(opcode, in.readNBytes(length));
    }

    private record Frame(int opcode, byte[] payload) {

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** @param status the WebSocket close status, or -1 if the connection ended without a close frame */
    public record Closed(java.util.List<String> messages, int status) {
    }

    /** A plain TCP connection to the local server, for raw bytes such as a part of an HTTP request. */
    public static Socket socket(int port, String from) throws IOException {
        return socket(port, from, 0);
    }

    private static Socket socket(int port, String from, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        if (from != null) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout((int) StompClient.TIMEOUT.toMillis());
        return socket;
    }

    /** Sends STOMP CONNECT with these extra header lines ({@code name:value\n} each) and returns the server's answer. */
    public String connect(String headerLines) throws IOException {
        sendText("CONNECT\naccept-version:1.2\nhost:localhost\n" + headerLines + "\n\0");
        return readText();
    }

    public InputStream input() {
        return in;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
