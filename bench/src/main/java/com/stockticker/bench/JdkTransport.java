package com.stockticker.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The JDK's java.net.http.WebSocket: one HttpClient (one selector thread) and a fixed pool for callbacks. */
final class JdkTransport implements Transport {

    private final Options options;
    private final ExecutorService executor;
    private final HttpClient client;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    JdkTransport(Options options) {
        this.options = options;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(options.threads, r -> {
            Thread t = new Thread(r, "bench-jdk-" + n.incrementAndGet());
            t.setDaemon(true);
            threads.add(t);
            return t;
        });
        this.client = HttpClient.newBuilder().executor(executor)
                .connectTimeout(Duration.ofMillis((long) (options.connectTimeoutSeconds * 1000))).build();
    }

    @Override
    public String describe() {
        return "jdk-websocket x" + options.threads;
    }

    @Override
    public List<Thread> ioThreads() {
        // The callback pool and the HttpClient's selector thread.
        List<Thread> all = new java.util.ArrayList<>(threads);
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("HttpClient-") && !all.contains(t)) {
                all.add(t);
            }
        }
        return all;
    }

    @Override
    public Subscriber newSubscriber(Measurements measurements, int index) {
        return new JdkSubscriber(options, measurements, index);
    }

    @Override
    public void connect(Subscriber subscriber, URI url) {
        JdkSubscriber c = (JdkSubscriber) subscriber;
        c.connectStartNanos = System.nanoTime();
        WebSocket.Builder b = client.newWebSocketBuilder()
                .connectTimeout(Duration.ofMillis((long) (options.connectTimeoutSeconds * 1000)));
        if (!options.subprotocols.isEmpty()) {
            List<String> p = options.subprotocols;
            b.subprotocols(p.get(0), p.subList(1, p.size()).toArray(String[]::new));
        }
        b.buildAsync(url, new Listener(c)).whenComplete((ws, err) -> {
            if (err != null) {
                c.onFailure(err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err);
            }
        });
        CompletableFuture.delayedExecutor((long) (options.connectTimeoutSeconds * 1000), TimeUnit.MILLISECONDS).execute(() -> {
            if (!c.connected.isDone()) {
                c.onFailure(new java.util.concurrent.TimeoutException("no CONNECTED within " + options.connectTimeoutSeconds + " s"));
            }
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    static final class JdkSubscriber extends Subscriber {
        volatile WebSocket ws;
        private CompletableFuture<WebSocket> sends;

        JdkSubscriber(Options options, Measurements measurements, int index) {
            super(options, measurements, index);
        }

        @Override
        synchronized void sendText(String frame) {
            WebSocket w = ws;
            if (w == null) {
                return;
            }
            // A WebSocket takes one send at a time: chain them.
            sends = (sends == null ? CompletableFuture.completedFuture(w) : sends).thenCompose(x -> x.sendText(frame, true));
        }

        @Override
        void close() {
            WebSocket w = ws;
            if (w != null) {
                if (closedByUs && !w.isOutputClosed()) {
                    try {
                        w.sendClose(WebSocket.NORMAL_CLOSURE, "bench done")
                                .orTimeout(2, TimeUnit.SECONDS).whenComplete((x, e) -> w.abort());
                    } catch (IllegalStateException e) {
                        w.abort();
                    }
                } else {
                    w.abort();
                }
            }
            onClosed("closed");
        }

        @Override
        void stopReading() {
            // The listener stops requesting messages.
        }
    }

    private static final class Listener implements WebSocket.Listener {
        private final JdkSubscriber subscriber;

        Listener(JdkSubscriber subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            subscriber.ws = webSocket;
            webSocket.request(1);
            subscriber.onOpen();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            subscriber.onChars(data, System.nanoTime());
            if (!subscriber.frozenNow) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            subscriber.onChars(StandardCharsets.UTF_8.decode(data), System.nanoTime());
            if (!subscriber.frozenNow) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            subscriber.onClosed("close " + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            subscriber.onFailure(error);
        }
    }
}
