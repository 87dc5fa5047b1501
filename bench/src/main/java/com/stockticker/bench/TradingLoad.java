package com.stockticker.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Recorder;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The trading scenario: U logged-in users each send market orders at a fixed rate (a buy, then a sell of the
 * same share, so that no account runs out of cash or shares) and follow {@code /user/queue/orders}. It reports
 * orders a second, the time from SEND to the NEW and to the FILLED event, and {@code ticker_publish_latency_seconds}
 * from the server's Prometheus endpoint, measured in a window without orders and then in the window with them.
 *
 * <pre>java -cp stomp-bench.jar com.stockticker.bench.TradingLoad --url ws://127.0.0.1:18080/ws --users 100 --rate 25</pre>
 */
@Command(name = "TradingLoad", synopsisHeading = "Usage: ",
        customSynopsis = "java -cp stomp-bench.jar com.stockticker.bench.TradingLoad [options]",
        header = "StockTicker trading load: logged-in users sending market orders over STOMP.%n")
public final class TradingLoad implements Callable<Integer> {

    private static final String PUBLISH_LATENCY = "ticker_publish_latency_seconds";
    private static final String JOURNAL_COMMIT = "ticker_journal_commit_seconds";
    private static final Pattern ERROR_CODE = Pattern.compile("\"code\":\"([A-Z_]+)\"");
    private static final Pattern EVENT = Pattern.compile("\"clientOrderId\":\"([^\"]+)\".*?\"status\":\"([A-Z]+)\"");
    private static final String[] SYMBOLS = Options.SYMBOLS_20.split(",");

    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Recorder toNew = new Recorder(3);
    private final Recorder toFilled = new Recorder(3);
    private final AtomicLong filled = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    /** Error messages and ERROR frames, by their {@code code} (or the frame's first line when it has none). */
    private final Map<String, LongAdder> errors = new ConcurrentSkipListMap<>();
    private final AtomicLong sent = new AtomicLong();

    @Option(names = "--url", paramLabel = "URL", defaultValue = "ws://127.0.0.1:18080/ws",
            description = "WebSocket endpoint (${DEFAULT-VALUE})")
    private URI url;

    @Option(names = "--users", paramLabel = "U", defaultValue = "100",
            description = "users, one connection each (${DEFAULT-VALUE})")
    private int users;

    @Option(names = "--user-prefix", paramLabel = "P", defaultValue = "trader-",
            description = "user i logs in as P followed by i (${DEFAULT-VALUE})")
    private String userPrefix;

    @Option(names = "--passcode", paramLabel = "P", defaultValue = "bench-demo",
            description = "every user's password (${DEFAULT-VALUE})")
    private String passcode;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "25",
            description = "orders a second per user (${DEFAULT-VALUE})")
    private double rate;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "10",
            description = "seconds of orders before the window (${DEFAULT-VALUE})")
    private long warmup;

    @Option(names = "--duration", paramLabel = "S", defaultValue = "30",
            description = "the window without orders and the window with them, seconds (${DEFAULT-VALUE})")
    private long duration;

    @Option(names = "--label", paramLabel = "NAME", defaultValue = "server",
            description = "name of the server in the report (${DEFAULT-VALUE})")
    private String label;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the report to FILE")
    private Path json;

    @Option(names = { "-h", "--help" }, usageHelp = true, description = "this help")
    private boolean help;

    /** Exit code 0, 2 for bad options, 1 if the run failed. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new TradingLoad()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        URI metrics = URI.create("http://" + url.getHost() + ":" + url.getPort() + "/actuator/prometheus");
        HttpClient http = HttpClient.newHttpClient();

        // The market alone first: the publish latency without orders.
        String idleStart = scrape(http, metrics);
        TimeUnit.SECONDS.sleep(duration);
        String idleEnd = scrape(http, metrics);

        List<WebSocket> sockets = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            sockets.add(connect(http, url, userPrefix + u, passcode));
        }
        ScheduledExecutorService senders = Executors.newScheduledThreadPool(2);
        long periodMicros = (long) (1_000_000 / rate);
        for (int u = 0; u < users; u++) {
            WebSocket socket = sockets.get(u);
            String user = "u" + u;
            String symbol = SYMBOLS[u % SYMBOLS.length];
            AtomicLong sequence = new AtomicLong();
            senders.scheduleAtFixedRate(() -> send(socket, user, symbol, sequence.getAndIncrement()),
                    periodMicros * u / users, periodMicros, TimeUnit.MICROSECONDS);
        }
        TimeUnit.SECONDS.sleep(warmup);
        toNew.getIntervalHistogram();
        toFilled.getIntervalHistogram();
        long filledStart = filled.get();
        long sentStart = sent.get();
        String loadStart = scrape(http, metrics);
        long windowStart = System.nanoTime();
        TimeUnit.SECONDS.sleep(duration);
        double seconds = (System.nanoTime() - windowStart) / 1e9;
        String loadEnd = scrape(http, metrics);
        var newLatency = toNew.getIntervalHistogram();
        var filledLatency = toFilled.getIntervalHistogram();
        long filledInWindow = filled.get() - filledStart;
        long sentInWindow = sent.get() - sentStart;
        senders.shutdownNow();
        sockets.forEach(socket -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye"));

        String report = String.format(Locale.ROOT, """
                {"label":"%s","users":%d,"ratePerUser":%.1f,"windowSeconds":%.1f,
                 "ordersSentPerSecond":%.0f,"ordersFilledPerSecond":%.0f,"rejected":%d,"errors":%s,
                 "sendToNewMs":{"p50":%.2f,"p99":%.2f,"max":%.2f},"sendToFilledMs":{"p50":%.2f,"p99":%.2f,"max":%.2f},
                 "publishLatencyMs":{"idle":{"p50":%.2f,"p99":%.2f},"trading":{"p50":%.2f,"p99":%.2f}},
                 "journal":{"commitMs":{"p50":%.2f,"p99":%.2f},"entriesPerCommit":%.1f}}""",
                label, users, rate, seconds, sentInWindow / seconds, filledInWindow / seconds, rejected.get(),
                errorCounts(), newLatency.getValueAtPercentile(50) / 1e3, newLatency.getValueAtPercentile(99) / 1e3,
                newLatency.getMaxValue() / 1e3, filledLatency.getValueAtPercentile(50) / 1e3,
                filledLatency.getValueAtPercentile(99) / 1e3, filledLatency.getMaxValue() / 1e3,
                percentile(PUBLISH_LATENCY, idleStart, idleEnd, 0.5), percentile(PUBLISH_LATENCY, idleStart, idleEnd, 0.99),
                percentile(PUBLISH_LATENCY, loadStart, loadEnd, 0.5), percentile(PUBLISH_LATENCY, loadStart, loadEnd, 0.99),
                percentile(JOURNAL_COMMIT, loadStart, loadEnd, 0.5), percentile(JOURNAL_COMMIT, loadStart, loadEnd, 0.99),
                (value(loadEnd, "ticker_journal_batch_sum") - value(loadStart, "ticker_journal_batch_sum"))
                        / (value(loadEnd, "ticker_journal_batch_count") - value(loadStart, "ticker_journal_batch_count")));
        PrintStream out = System.out;
        out.println(report);
        if (json != null) {
            Files.writeString(json, report + "\n");
        }
        return 0;
    }

    private void send(WebSocket socket, String user, String symbol, long n) {
        String clientOrderId = user + "-" + n;
        String side = n % 2 == 0 ? "BUY" : "SELL";
        String frame = "SEND\ndestination:/app/orders\ncontent-type:application/json\n\n{\"clientOrderId\":\"" + clientOrderId
                + "\",\"symbol\":\"" + symbol + "\",\"side\":\"" + side + "\",\"type\":\"MARKET\",\"quantity\":1}\0";
        sentAt.put(clientOrderId, System.nanoTime());
        synchronized (socket) {
            // One frame at a time per socket: the JDK's WebSocket refuses a send while one is in progress.
            socket.sendText(frame, true).join();
        }
        sent.incrementAndGet();
    }

    private WebSocket connect(HttpClient http, URI url, String login, String passcode) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        WebSocket socket = http.newWebSocketBuilder().subprotocols("v12.stomp").buildAsync(url, new WebSocket.Listener() {
            private final StringBuilder pending = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                pending.append(data);
                int end;
                while ((end = pending.indexOf("\0")) >= 0) {
                    String frame = pending.substring(0, end);
                    pending.delete(0, end + 1);
                    received(frame, connected);
                }
                webSocket.request(1);
                return null;
            }
        }).join();
        socket.sendText("CONNECT\naccept-version:1.2\nhost:" + url.getHost() + "\nlogin:" + login + "\npasscode:" + passcode
                + "\nheart-beat:0,0\n\n\0", true).join();
        if (!connected.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no CONNECTED for " + login);
        }
        socket.sendText("SUBSCRIBE\nid:orders\ndestination:/user/queue/orders\n\n\0", true).join();
        socket.sendText("SUBSCRIBE\nid:errors\ndestination:/user/queue/errors\n\n\0", true).join();
        return socket;
    }

    private void received(String frame, CountDownLatch connected) {
        String text = frame.startsWith("\n") ? frame.substring(1) : frame;
        if (text.startsWith("CONNECTED")) {
            connected.countDown();
        }
        else if (text.startsWith("MESSAGE") && text.contains("subscription:orders")) {
            Matcher event = EVENT.matcher(text);
            if (event.find()) {
                long now = System.nanoTime();
                String clientOrderId = event.group(1);
                Long at = sentAt.get(clientOrderId);
                switch (event.group(2)) {
                    case "NEW" -> {
                        if (at != null) {
                            toNew.recordValue(Math.max(0, (now - at) / 1000));
                        }
                    }
                    case "FILLED" -> {
                        filled.incrementAndGet();
                        if (at != null) {
                            toFilled.recordValue(Math.max(0, (now - at) / 1000));
                            sentAt.remove(clientOrderId);
                        }
                    }
                    default -> rejected.incrementAndGet();
                }
            }
        }
        else if (text.startsWith("MESSAGE") || text.startsWith("ERROR")) {
            Matcher code = ERROR_CODE.matcher(text);
            String kind = code.find() ? code.group(1) : text.lines().findFirst().orElse("?");
            errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }
    }

    /** The errors as a JSON object, {@code {"CODE":count,...}}. */
    private String errorCounts() {
        StringBuilder json = new StringBuilder("{");
        errors.forEach((code, count) -> json.append(json.length() > 1 ? "," : "").append('"').append(code).append("\":")
                .append(count.sum()));
        return json.append('}').toString();
    }

    private static String scrape(HttpClient http, URI metrics) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The cumulative bucket counts of the histogram {@code name} in a scrape, by upper bound in seconds. */
    private static Map<Double, Long> buckets(String name, String scrape) {
        Map<Double, Long> buckets = new TreeMap<>();
        Pattern bucket = Pattern.compile("^" + name + "_bucket\\{.*le=\"([^\"]+)\".*\\} ([0-9.eE+]+)$");
        scrape.lines().map(bucket::matcher).filter(Matcher::matches).forEach(match -> buckets.put(
                match.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(match.group(1)),
                (long) Double.parseDouble(match.group(2))));
        return buckets;
    }

    /** The value of a meter without tags in a scrape (0 if it is not there). */
    private static double value(String scrape, String name) {
        return scrape.lines().filter(line -> line.startsWith(name + " ")).mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1)))
                .findFirst().orElse(0);
    }

    /** The upper bound (ms) of the bucket that holds quantile {@code q} of what was recorded between two scrapes. */
    private static double percentile(String histogram, String startScrape, String endScrape, double q) {
        Map<Double, Long> start = buckets(histogram, startScrape);
        Map<Double, Long> end = buckets(histogram, endScrape);
        long total = end.getOrDefault(Double.POSITIVE_INFINITY, 0L) - start.getOrDefault(Double.POSITIVE_INFINITY, 0L);
        for (Map.Entry<Double, Long> bucket : end.entrySet()) {
            long count = bucket.getValue() - start.getOrDefault(bucket.getKey(), 0L);
            if (total > 0 && count >= q * total) {
                return bucket.getKey() * 1000;
            }
        }
        return Double.NaN;
    }
}
