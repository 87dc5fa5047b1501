package com.stockticker.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * STOMP straight over TCP to RabbitMQ, bypassing the service, as a client that somehow got past the service's
 * checks would talk to it: what RabbitMQ's own permissions allow that login to do.
 */
public final class TcpStomp implements AutoCloseable {

    private final Socket socket;
    private final StringBuilder received = new StringBuilder();

    public TcpStomp(int port, String login, String passcode) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(200);
        send("CONNECT", Map.of("accept-version", "1.2", "host", "/", "login", login, "passcode", passcode), "");
    }

    public void send(String command, Map<String, String> headers, String body) throws IOException {
        StringBuilder frame = new StringBuilder(command).append('\n');
        headers.forEach((name, value) -> frame.append(name).append(':').append(value).append('\n'));
        socket.getOutputStream().write(frame.append('\n').append(body).append('\0').toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Reads until the broker closes the connection or {@code within} passes; returns every frame's command line and headers. */
    public List<String> framesUntilClosed(Duration within) throws IOException {
        Instant deadline = Instant.now().plus(within);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        while (Instant.now().isBefore(deadline)) {
            try {
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                received.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            }
            catch (SocketTimeoutException ex) {
                // Keep reading until the deadline.
            }
        }
        List<String> frames = new ArrayList<>();
        for (String frame : received.toString().split("\0")) {
            if (!frame.isBlank()) {
                frames.add(frame.strip());
            }
        }
        return frames;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
