package com.stockticker.bench;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.netty.buffer.ByteBuf;

/**
 * One subscriber: its connection, its subscriptions and what it counts. The transport hands it the payload of every
 * WebSocket frame it receives; it finds STOMP frame boundaries (the NUL octet, skipping the EOLs that are heart-beats),
 * counts MESSAGE frames and their bytes, and copies and parses only the frames it samples: every
 * {@code sample-every}th MESSAGE, and control frames (CONNECTED, ERROR, RECEIPT). All methods except
 * {@link #subscribe} and {@link #freeze} run on the connection's I/O thread, one at a time.
 */
abstract class Subscriber {

    static final int MAX_CAPTURE = 1 << 20;

    final Options options;
    final Measurements measurements;
    final int index;
    final boolean frozen;

    volatile long deliveries;
    volatile long bytes;
    /** Bytes as they came off the socket (compressed, with WebSocket framing); counted by the Netty transport only. */
    volatile long wireBytes;
    volatile boolean stompConnected;
    volatile boolean subscribed;
    volatile boolean gotFirstMessage;
    volatile boolean closed;
    volatile boolean closedByUs;
    volatile boolean frozenNow;
    volatile boolean failed;
    volatile long closedAtNanos;
    volatile String closeReason;

    final CompletableFuture<Void> connected = new CompletableFuture<>();
    long connectStartNanos;
    volatile long subscribeNanos;
    long connectSentNanos;

    // Scanner state
    private boolean inFrame;
    private boolean isMessage;
    private boolean capturing;
    private boolean sampled;
    private long frameLength;
    private long messagesSeen;
    private final int sampleOffset;
    private final Stomp.AsciiView captureBytes = new Stomp.AsciiView();
    private final StringBuilder captureChars = new StringBuilder();
    private boolean captureIsChars;
    private final Stomp.Parsed parsed = new Stomp.Parsed();

    Subscriber(Options options, Measurements measurements, int index) {
        this.options = options;
        this.measurements = measurements;
        this.index = index;
        this.frozen = options.frozen(index);
        this.sampleOffset = index % options.sampleEvery;
    }

    /** Sends a text frame (thread-safe). */
    abstract void sendText(String frame);

    /** Closes the connection (thread-safe). */
    abstract void close();

    /** Stops reading from the socket (thread-safe). */
    abstract void stopReading();

    /** The transport has opened the WebSocket: send CONNECT. */
    final void onOpen() {
        connectSentNanos = System.nanoTime();
        Measurements.record(measurements.handshakeTime, (connectSentNanos - connectStartNanos) / 1000);
        sendText(Stomp.connect(options.stompHost, options.login, options.passcode));
    }

    /** Subscribes to this subscriber's destinations and sends its request frame, if any. */
    final void subscribe() {
        List<String> destinations = options.destinationsOf(index);
        subscribeNanos = System.nanoTime();
        int id = 0;
        for (String d : destinations) {
            sendText(Stomp.subscribe(id++, d, options.subscribeHeaders));
        }
        if (options.sendDestination != null) {
            String body = options.sendBody == null ? ""
                    : options.sendBody.replace("{SYMBOLS}", Stomp.symbolsJson(options.symbolsOf(index)));
            sendText(Stomp.send(options.sendDestination, options.sendContentType, body));
        }
        subscribed = true;
    }

    final void freeze() {
        if (frozen) {
            frozenNow = true;
            stopReading();
        }
    }

    final void onClosed(String reason) {
        if (closed) {
            return;
        }
        closedAtNanos = System.nanoTime();
        closeReason = reason;
        closed = true;
        if (!closedByUs && !failed) {
            measurements.error((stompConnected ? "closed by peer: " : "closed before CONNECTED: ") + reason);
        }
        connected.completeExceptionally(new IllegalStateException(reason));
    }

    final void onFailure(Throwable t) {
        String reason = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        if (!connected.isDone()) {
            measurements.error("connect failed: " + reason);
            connected.completeExceptionally(t);
        } else if (!closedByUs) {
            measurements.error("I/O error: " + reason);
        }
        closeReason = reason;
        failed = true;
        close();
    }

    // ---- Scanning ---------------------------------------------------------------------------------------

    /** A WebSocket frame's payload from Netty. */
    final void onBytes(ByteBuf buf, long now) {
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        while (i < end) {
            if (!inFrame) {
                byte c = buf.getByte(i);
                if (c == '\n' || c == '\r') {
                    i++; // heart-beat
                    continue;
                }
                startFrame((char) c, false);
            }
            int nul = buf.indexOf(i, end, (byte) 0);
            int stop = nul < 0 ? end : nul;
            int n = stop - i;
            frameLength += n;
            if (capturing) {
                Stomp.AsciiView v = captureBytes;
                int room = MAX_CAPTURE - v.length;
                int take = Math.min(room, n);
                if (take > 0) {
                    if (v.length + take > v.bytes.length) {
                        v.bytes = java.util.Arrays.copyOf(v.bytes, Math.max(v.length + take, v.bytes.length * 2));
                    }
                    buf.getBytes(i, v.bytes, v.length, take);
                    v.length += take;
                }
            }
            if (nul < 0) {
                i = end;
            } else {
                endFrame(now);
                i = nul + 1;
            }
        }
    }

    /** A text message (or part of one) from java.net.http.WebSocket. */
    final void onChars(CharSequence s, long now) {
        int end = s.length();
        int i = 0;
        while (i < end) {
            if (!inFrame) {
                char c = s.charAt(i);
                if (c == '\n' || c == '\r') {
                    i++;
                    continue;
                }
                startFrame(c, true);
            }
            int nul = -1;
            for (int k = i; k < end; k++) {
                if (s.charAt(k) == '\0') {
                    nul = k;
                    break;
                }
            }
            int stop = nul < 0 ? end : nul;
            frameLength += stop - i;
            if (capturing) {
                int take = Math.min(MAX_CAPTURE - captureChars.length(), stop - i);
                if (take > 0) {
                    captureChars.append(s, i, i + take);
                }
            }
            if (nul < 0) {
                i = end;
            } else {
                endFrame(now);
                i = nul + 1;
            }
        }
    }

    private void startFrame(char first, boolean chars) {
        inFrame = true;
        frameLength = 0;
        isMessage = first == 'M';
        if (isMessage) {
            sampled = (messagesSeen + sampleOffset) % options.sampleEvery == 0;
            messagesSeen++;
            capturing = sampled || index == 0;
        } else {
            sampled = false;
            capturing = true;
        }
        captureIsChars = chars;
        captureBytes.length = 0;
        captureChars.setLength(0);
    }

    private void endFrame(long now) {
        inFrame = false;
        if (isMessage) {
            deliveries++;
            bytes += frameLength + 1;
            if (!gotFirstMessage) {
                gotFirstMessage = true;
                long s = subscribeNanos;
                if (s != 0) {
                    Measurements.record(measurements.firstMessage, (now - s) / 1000);
                }
            }
            if (capturing) {
                CharSequence cs = captureIsChars ? captureChars : captureBytes;
                Stomp.parse(cs, cs.length(), true, parsed);
                if (parsed.publishMicros == Long.MIN_VALUE) {
                    if (sampled) {
                        measurements.unparsedSamples.increment();
                    }
                } else if (sampled) {
                    long latency = measurements.wallMicros(now) - parsed.publishMicros;
                    if (latency < 0) {
                        measurements.negativeLatencies.increment();
                    }
                    Measurements.record(measurements.latency, latency);
                }
                if (index == 0) {
                    measurements.reference.received(deliveries, parsed.seq, parsed.publishMicros);
                }
            }
        } else {
            CharSequence cs = captureIsChars ? captureChars : captureBytes;
            Stomp.parse(cs, cs.length(), false, parsed);
            String command = parsed.command == null ? "" : parsed.command;
            switch (command) {
                case "CONNECTED" -> {
                    stompConnected = true;
                    Measurements.record(measurements.connectTime, (now - connectStartNanos) / 1000);
                    connected.complete(null);
                    if (options.subscribeOnConnect) {
                        subscribe();
                        // Time to first message counts from CONNECT: what a client waits for its first quote.
                        subscribeNanos = connectSentNanos;
                    }
                }
                case "ERROR" -> {
                    measurements.errorFrames.increment();
                    measurements.error("ERROR frame: " + parsed.message);
                    if (!connected.isDone()) {
                        connected.completeExceptionally(new IllegalStateException("ERROR " + parsed.message));
                    }
                }
                default -> { }
            }
        }
        captureBytes.length = 0;
        captureChars.setLength(0);
        if (captureBytes.bytes.length > 65536) {
            captureBytes.bytes = new byte[4096];
        }
        if (captureChars.capacity() > 65536) {
            captureChars.setLength(0);
            captureChars.trimToSize();
        }
    }
}
