package com.stockticker.support;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.json.JsonMapper;

/**
 * A STOMP client written straight onto the JDK's WebSocket client, so that tests see and send exact
 * frames, broken ones included. Every received frame is kept, in order; tests await what they expect.
 */
public final class StompClient extends StompConversation implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AtomicInteger heartbeats = new AtomicInteger();
    private final AtomicInteger binaryMessages = new AtomicInteger();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final boolean sockJs;
    private final WebSocket socket;

    private StompClient(WebSocket.Builder builder, URI uri, boolean sockJs) {
        this.sockJs = sockJs;
        this.socket = builder.buildAsync(uri, new Listener()).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Opens a WebSocket and does nothing else. */
    public static StompClient open(URI uri, Map<String, String> handshakeHeaders) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        handshakeHeaders.forEach(builder::header);
        return new StompClient(builder, uri, false);
    }

    /**
     * Opens SockJS's raw WebSocket URL ({@code .../sockjs/{server}/{session}/websocket}), where every message
     * is a JSON array of STOMP frames, and does nothing else. {@link #sendText} sends such arrays as they are.
     */
    public static StompClient openSockJsWebSocket(URI uri) {
        return new StompClient(HttpClient.newHttpClient().newWebSocketBuilder(), uri, true);
    }

    /** Opens a WebSocket, sends CONNECT and waits for CONNECTED. */
    public static StompClient connect(URI uri) {
        return connect(uri, Map.of());
    }

    public static StompClient connect(URI uri, Map<String, String> connectHeaders) {
        return connect(HttpClient.newHttpClient(), uri, connectHeaders);
    }

    /** {@link #connect(URI, Map)} through a client of the caller's: one that trusts a test's certificate, for wss://. */
    public static StompClient connect(HttpClient http, URI uri, Map<String, String> connectHeaders) {
        StompClient client = new StompClient(http.newWebSocketBuilder(), uri, false);
        Map<String, String> headers = new java.util.LinkedHashMap<>(Map.of("accept-version", "1.2", "host", uri.getHost()));
        headers.putAll(connectHeaders);
        client.send("CONNECT", headers, "");
        client.await(frame -> frame.command().equals("CONNECTED"));
        return client;
    }

    @Override
    public void send(String command, Map<String, String> headers, String body) {
        StringBuilder frame = new StringBuilder(command).append('\n');
        headers.forEach((name, value) -> frame.append(name).append(':').append(value).append('\n'));
        sendRaw(frame.append('\n').append(body).append('\0').toString());
    }

    /** Sends a STOMP frame as it is, in a SockJS array when this is a SockJS connection. */
    public void sendRaw(String frame) {
        sendText(sockJs ? JSON.writeValueAsString(List.of(frame)) : frame);
    }

    /** Sends one WebSocket text message, exactly this text. */
    public void sendText(String text) {
        socket.sendText(text, true).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** The WebSocket close status code, once the server closed the connection. */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    public int heartbeats() {
        return heartbeats.get();
    }

    /** How many WebSocket binary messages arrived (each carrying STOMP frames as UTF-8). */
    public int binaryMessages() {
        return binaryMessages.get();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder pending = new StringBuilder();

        private final StringBuilder message = new StringBuilder();

        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (!sockJs) {
                receive(data);
            }
            else {
                message.append(data);
                if (last) {
                    // SockJS frames: "o" open, "h" heartbeat, "a[...]" messages, "c[...]" close.
                    if (message.charAt(0) == 'a') {
                        for (String part : JSON.readValue(message.substring(1), String[].class)) {
                            receive(part);
                        }
                    }
                    message.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                binaryMessages.incrementAndGet();
                receive(binary.toString(StandardCharsets.UTF_8));
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        private void receive(CharSequence data) {
            pending.append(data);
            int end;
            while ((end = pending.indexOf("\0")) >= 0) {
                String frame = pending.substring(0, end);
                pending.delete(0, end + 1);
                String trimmed = frame.stripLeading();
                heartbeats.addAndGet(frame.length() - trimmed.length());
                frames.add(StompFrame.parse(trimmed));
            }
            if (!pending.isEmpty() && pending.toString().isBlank()) {
                heartbeats.addAndGet(pending.length());
                pending.setLength(0);
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
