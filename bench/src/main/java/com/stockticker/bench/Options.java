package com.stockticker.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Command-line options of the load tool. Every option has a default; {@code --help} prints them. */
final class Options {

    static final String SYMBOLS_20 = "AAPL,MSFT,NVDA,AMZN,GOOGL,META,TSLA,BRK-B,JPM,V,JNJ,WMT,PG,XOM,MA,HD,KO,NFLX,AMD,DIS";

    URI url = URI.create("ws://127.0.0.1:8080/ws");
    String label = "server";
    String scenario = "custom";
    List<String> destinations = List.of("/topic/prices");
    List<String> symbols = Arrays.asList(SYMBOLS_20.split(","));
    int symbolsPerSubscriber = 3;
    String sendDestination;
    String sendBody;
    String sendContentType = "application/json";
    int subscribers = 1000;
    double connectRate = 1000;
    int maxPending = 1000;
    double subscribeRate = 5000;
    double settleSeconds = 3;
    double warmupSeconds = 5;
    double durationSeconds = 30;
    int sampleEvery = 20;
    double publishRate = -1;
    double frozenPercent = 0;
    int frozenReceiveBuffer = 4096;
    String freezeAt = "warmup";
    long serverPid = -1;
    boolean serverHeap = false;
    boolean deflate = false;
    /** Headers every SUBSCRIBE carries besides id, destination and ack, as "name:value" lines. */
    List<String> subscribeHeaders = List.of();
    boolean subscribeOnConnect = false;
    String transport = "netty";
    int threads = 2;
    String stompHost;
    String login;
    String passcode;
    List<String> subprotocols = List.of("v12.stomp", "v11.stomp", "v10.stomp");
    int toolWarmupConnections = 0;
    URI toolWarmupUrl;
    double connectTimeoutSeconds = 15;
    double firstMessageTimeoutSeconds = 10;
    String jsonFile;
    boolean quiet;

    static final String HELP = """
            StockTicker load tool: N STOMP-over-WebSocket subscribers against any STOMP broker.

            Usage: java -jar stomp-bench.jar [options]

            Target
              --url URL                 WebSocket endpoint (ws://127.0.0.1:8080/ws)
              --dest D[,D...]           destinations each subscriber subscribes to (/topic/prices). A destination
                                        containing {SYMBOL} is expanded once per symbol of the subscriber
              --symbols S[,S...]        symbol universe (the 20 StockTicker symbols)
              --symbols-per-subscriber K  symbols per subscriber, round-robin over the universe (3)
              --send D                  after subscribing, SEND one frame to D (e.g. /app/subscriptions)
              --send-body JSON          its body; {SYMBOLS} becomes "AAPL","MSFT",... of the subscriber
              --send-content-type T     (application/json)
              --scenario NAME           preset: prices | per-symbol | managed (sets --dest/--send/--send-body)
              --stomp-host H            CONNECT host header (the URL host; RabbitMQ wants the vhost, e.g. /)
              --login L --passcode P    CONNECT credentials (none)
              --subprotocols P[,P...]   WebSocket subprotocols offered (v12.stomp,v11.stomp,v10.stomp; "" for none)

            Load
              -n, --subscribers N       subscribers (1000)
              --connect-rate R          new connections per second during the ramp (1000)
              --max-pending P           most handshakes in flight at once (1000)
              --subscribe-rate R        subscriptions sent per second after all are connected (5000)
              --subscribe-on-connect    subscribe as soon as CONNECTED arrives, during the ramp; "first msg" is
                                        then timed from sending CONNECT (time to first quote)
              --settle S                seconds idle before reading idle memory (3)
              --warmup S                seconds after subscribing before the window (5)
              --duration S              measurement window in seconds (30)
              --sample-every K          parse every Kth message of each subscriber for latency (20)
              --publish-rate R          expected messages per subscriber per second (default: measured from the
                                        sequence numbers a reference subscriber sees, else its message rate)
              --frozen-percent P        P% of subscribers stop reading when the warm-up starts (0)
              --freeze-at WHEN          warmup: frozen subscribers read until the warm-up starts (their kernel
                                        buffers have grown); subscribe: they never read a message (warmup)
              --frozen-rcvbuf B         SO_RCVBUF of frozen subscribers' sockets, bytes; 0 = OS default (4096)
              --tool-warmup K           before the ramp, connect K subscribers (as the measured ones, at the
                                        connect rate), close them and count nothing of them: the tool's own code
                                        is compiled first. A fresh tool JVM adds 100-200 ms to the p99 connect
                                        and first-message times of its first ~1,000 connections (0)
              --tool-warmup-url URL     where the warm-up connects (--url); another server leaves the measured
                                        one cold
              --transport netty|jdk     Netty (epoll) or java.net.http.WebSocket (netty)
              --deflate                 offer permessage-deflate, as browsers do (Netty only); the report then
                                        also gives the bytes on the wire per delivery
              --subscribe-headers H     more headers on every SUBSCRIBE, comma-separated name:value pairs, e.g.
                                        format:lean (StockTicker's lean batches); the report names them
              --threads T               I/O threads (2)
              --connect-timeout S       TCP + WebSocket + STOMP CONNECTED timeout per connection (15)
              --first-message-timeout S how long to wait for every subscriber's first message (10)

            Server
              --server-pid PID          read its VmRSS and CPU from /proc (none)
              --server-heap             also measure its live heap with `jcmd PID GC.class_histogram` (a full GC)
                                        before connecting, with N idle connections, and after the window

            Output
              --label NAME              name of the server in the report (server)
              --json FILE               write the report as JSON
              --quiet                   no progress lines on stderr
            """;

    static Options parse(String[] args) {
        Options o = new Options();
        List<String> a = new ArrayList<>(Arrays.asList(args));
        // The scenario first: explicit options given after it override its preset.
        for (int i = 0; i < a.size() - 1; i++) {
            if (a.get(i).equals("--scenario")) {
                o.scenario(a.get(i + 1));
            }
        }
        for (int i = 0; i < a.size(); i++) {
            String k = a.get(i);
            if (k.equals("--help") || k.equals("-h")) {
                System.out.print(HELP);
                System.exit(0);
            }
            if (k.equals("--server-heap")) {
                o.serverHeap = true;
                continue;
            }
            if (k.equals("--deflate")) {
                o.deflate = true;
                continue;
            }
            if (k.equals("--subscribe-on-connect")) {
                o.subscribeOnConnect = true;
                continue;
            }
            if (k.equals("--quiet")) {
                o.quiet = true;
                continue;
            }
            if (i + 1 >= a.size()) {
                throw new IllegalArgumentException("missing value for " + k);
            }
            String v = a.get(++i);
            switch (k) {
                case "--url" -> o.url = URI.create(v);
                case "--label" -> o.label = v;
                case "--scenario" -> { }
                case "--dest" -> o.destinations = split(v);
                case "--symbols" -> o.symbols = split(v);
                case "--symbols-per-subscriber" -> o.symbolsPerSubscriber = Integer.parseInt(v);
                case "--send" -> o.sendDestination = v;
                case "--send-body" -> o.sendBody = v;
                case "--send-content-type" -> o.sendContentType = v;
                case "-n", "--subscribers" -> o.subscribers = Integer.parseInt(v);
                case "--connect-rate" -> o.connectRate = Double.parseDouble(v);
                case "--max-pending" -> o.maxPending = Integer.parseInt(v);
                case "--subscribe-rate" -> o.subscribeRate = Double.parseDouble(v);
                case "--settle" -> o.settleSeconds = Double.parseDouble(v);
                case "--warmup" -> o.warmupSeconds = Double.parseDouble(v);
                case "--duration" -> o.durationSeconds = Double.parseDouble(v);
                case "--sample-every" -> o.sampleEvery = Math.max(1, Integer.parseInt(v));
                case "--publish-rate" -> o.publishRate = Double.parseDouble(v);
                case "--frozen-percent" -> o.frozenPercent = Double.parseDouble(v);
                case "--freeze-at" -> o.freezeAt = v;
                case "--frozen-rcvbuf" -> o.frozenReceiveBuffer = Integer.parseInt(v);
                case "--server-pid" -> o.serverPid = Long.parseLong(v);
                case "--transport" -> o.transport = v;
                case "--threads" -> o.threads = Integer.parseInt(v);
                case "--subscribe-headers" -> o.subscribeHeaders = split(v);
                case "--stomp-host" -> o.stompHost = v;
                case "--login" -> o.login = v;
                case "--passcode" -> o.passcode = v;
                case "--subprotocols" -> o.subprotocols = v.isBlank() ? List.of() : split(v);
                case "--tool-warmup" -> o.toolWarmupConnections = Integer.parseInt(v);
                case "--tool-warmup-url" -> o.toolWarmupUrl = URI.create(v);
                case "--connect-timeout" -> o.connectTimeoutSeconds = Double.parseDouble(v);
                case "--first-message-timeout" -> o.firstMessageTimeoutSeconds = Double.parseDouble(v);
                case "--json" -> o.jsonFile = v;
                default -> throw new IllegalArgumentException("unknown option " + k + " (try --help)");
            }
        }
        if (!o.transport.equals("netty") && !o.transport.equals("jdk")) {
            throw new IllegalArgumentException("--transport is netty or jdk");
        }
        if (o.deflate && !o.transport.equals("netty")) {
            throw new IllegalArgumentException("--deflate needs --transport netty");
        }
        if (o.subscribers < 1 || o.subscribers > 60_000) {
            throw new IllegalArgumentException("--subscribers must be 1..60000");
        }
        if (o.connectRate <= 0 || o.subscribeRate <= 0 || o.durationSeconds <= 0 || o.durationSeconds > 3600
                || o.warmupSeconds < 0 || o.warmupSeconds > 3600 || o.settleSeconds < 0 || o.settleSeconds > 600) {
            throw new IllegalArgumentException("rates must be positive, the window 0..3600 s, warm-up 0..3600 s");
        }
        if (!o.freezeAt.equals("warmup") && !o.freezeAt.equals("subscribe")) {
            throw new IllegalArgumentException("--freeze-at is warmup or subscribe");
        }
        if (o.frozenPercent < 0 || o.frozenPercent > 100) {
            throw new IllegalArgumentException("--frozen-percent is 0..100");
        }
        if (o.toolWarmupConnections < 0 || o.toolWarmupConnections > 60_000) {
            throw new IllegalArgumentException("--tool-warmup must be 0..60000");
        }
        if (o.toolWarmupUrl == null) {
            o.toolWarmupUrl = o.url;
        }
        if (o.stompHost == null) {
            o.stompHost = o.url.getHost();
        }
        return o;
    }

    private void scenario(String name) {
        scenario = name;
        switch (name) {
            case "prices" -> destinations = List.of("/topic/prices");
            case "per-symbol" -> destinations = List.of("/topic/prices.{SYMBOL}");
            case "managed" -> {
                destinations = List.of("/user/queue/quotes");
                sendDestination = "/app/subscriptions";
                sendBody = "{\"action\":\"subscribe\",\"symbols\":[{SYMBOLS}],\"maxRate\":10}";
            }
            default -> throw new IllegalArgumentException("unknown scenario " + name + " (prices, per-symbol, managed)");
        }
    }

    /** The symbols of subscriber {@code index}: consecutive, round-robin over the universe. */
    List<String> symbolsOf(int index) {
        List<String> mine = new ArrayList<>();
        int k = Math.min(symbolsPerSubscriber, symbols.size());
        for (int j = 0; j < k; j++) {
            mine.add(symbols.get((index * k + j) % symbols.size()));
        }
        return mine;
    }

    /** The destinations subscriber {@code index} subscribes to, with {SYMBOL} expanded. */
    List<String> destinationsOf(int index) {
        List<String> out = new ArrayList<>();
        for (String d : destinations) {
            if (d.contains("{SYMBOL}")) {
                for (String s : symbolsOf(index)) {
                    out.add(d.replace("{SYMBOL}", s));
                }
            } else {
                out.add(d);
            }
        }
        return out;
    }

    /** Whether subscriber {@code index} is one of the frozen ones: spread evenly over the indices. */
    boolean frozen(int index) {
        if (frozenPercent <= 0 || index == 0) {
            return false; // subscriber 0 is the reference: it never freezes
        }
        return Math.floor((index + 1) * frozenPercent / 100.0) > Math.floor(index * frozenPercent / 100.0);
    }

    private static List<String> split(String v) {
        List<String> out = new ArrayList<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }
}
