package com.stockticker.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Command-line options of the load tool, parsed by picocli. Every option has a default; {@code --help} prints them,
 * in four sections: an option's section is the hundreds of its {@code order} ({@link #SECTIONS}).
 */
@Command(name = "stomp-bench.jar", synopsisHeading = "Usage: ", customSynopsis = "java -jar stomp-bench.jar [options]",
        header = "StockTicker load tool: N STOMP-over-WebSocket subscribers against any STOMP broker.%n",
        sortOptions = false, usageHelpWidth = 118)
final class Options {

    static final String SYMBOLS_20 = "AAPL,MSFT,NVDA,AMZN,GOOGL,META,TSLA,BRK-B,JPM,V,JNJ,WMT,PG,XOM,MA,HD,KO,NFLX,AMD,DIS";

    /** The headings of {@code --help}'s option sections: options of order 100..199 are in the first, and so on. */
    private static final List<String> SECTIONS = List.of("Target", "Load", "Server", "Output");

    /** What {@code --scenario NAME} stands for: option values, applied where the command line does not give that option. */
    private static final Map<String, Map<String, String>> SCENARIOS = Map.of(
            "prices", Map.of("--dest", "/topic/prices"),
            "per-symbol", Map.of("--dest", "/topic/prices.{SYMBOL}"),
            "managed", Map.of("--dest", "/user/queue/quotes", "--send", "/app/subscriptions",
                    "--send-body", "{\"action\":\"subscribe\",\"symbols\":[{SYMBOLS}],\"maxRate\":10}"));

    // ---- Target (order 1xx) ----

    @Option(names = "--url", paramLabel = "URL", order = 100, defaultValue = "ws://127.0.0.1:8080/ws",
            description = "WebSocket endpoint (${DEFAULT-VALUE})")
    URI url;

    List<String> destinations;

    @Option(names = "--dest", paramLabel = "D[,D...]", order = 101, defaultValue = "/topic/prices",
            description = "destinations each subscriber subscribes to (${DEFAULT-VALUE}). A destination containing {SYMBOL} "
                    + "is expanded once per symbol of the subscriber")
    void destinations(String list) {
        destinations = commaSeparated(list);
    }

    List<String> symbols;

    @Option(names = "--symbols", paramLabel = "S[,S...]", order = 102, defaultValue = SYMBOLS_20,
            description = "symbol universe (the 20 StockTicker symbols)")
    void symbols(String list) {
        symbols = commaSeparated(list);
    }

    @Option(names = "--symbols-per-subscriber", paramLabel = "K", order = 103, defaultValue = "3",
            description = "symbols per subscriber, round-robin over the universe (${DEFAULT-VALUE})")
    int symbolsPerSubscriber;

    @Option(names = "--send", paramLabel = "D", order = 104,
            description = "after subscribing, SEND one frame to D (e.g. /app/subscriptions)")
    String sendDestination;

    @Option(names = "--send-body", paramLabel = "JSON", order = 105,
            description = "its body; {SYMBOLS} becomes \"AAPL\",\"MSFT\",... of the subscriber")
    String sendBody;

    @Option(names = "--send-content-type", paramLabel = "T", order = 106, defaultValue = "application/json",
            description = "(${DEFAULT-VALUE})")
    String sendContentType;

    @Option(names = "--scenario", paramLabel = "NAME", order = 107, defaultValue = "custom",
            description = "preset: prices | per-symbol | managed (sets --dest/--send/--send-body)")
    String scenario;

    @Option(names = "--stomp-host", paramLabel = "H", order = 108,
            description = "CONNECT host header (the URL host; RabbitMQ wants the vhost, e.g. /)")
    String stompHost;

    @Option(names = "--login", paramLabel = "L", order = 109, description = "CONNECT login (none)")
    String login;

    @Option(names = "--passcode", paramLabel = "P", order = 110, description = "CONNECT passcode (none)")
    String passcode;

    List<String> subprotocols;

    @Option(names = "--subprotocols", paramLabel = "P[,P...]", order = 111, defaultValue = "v12.stomp,v11.stomp,v10.stomp",
            description = "WebSocket subprotocols offered (${DEFAULT-VALUE}; \"\" for none)")
    void subprotocols(String list) {
        subprotocols = commaSeparated(list);
    }

    // ---- Load (order 2xx) ----

    @Option(names = { "-n", "--subscribers" }, paramLabel = "N", order = 200, defaultValue = "1000",
            description = "subscribers (${DEFAULT-VALUE})")
    int subscribers;

    @Option(names = "--connect-rate", paramLabel = "R", order = 201, defaultValue = "1000",
            description = "new connections per second during the ramp (${DEFAULT-VALUE})")
    double connectRate;

    @Option(names = "--max-pending", paramLabel = "P", order = 202, defaultValue = "1000",
            description = "most handshakes in flight at once (${DEFAULT-VALUE})")
    int maxPending;

    @Option(names = "--subscribe-rate", paramLabel = "R", order = 203, defaultValue = "5000",
            description = "subscriptions sent per second after all are connected (${DEFAULT-VALUE})")
    double subscribeRate;

    @Option(names = "--subscribe-on-connect", order = 204,
            description = "subscribe as soon as CONNECTED arrives, during the ramp; \"first msg\" is then timed "
                    + "from sending CONNECT (time to first quote)")
    boolean subscribeOnConnect;

    @Option(names = "--settle", paramLabel = "S", order = 205, defaultValue = "3",
            description = "seconds idle before reading idle memory (${DEFAULT-VALUE})")
    double settleSeconds;

    @Option(names = "--warmup", paramLabel = "S", order = 206, defaultValue = "5",
            description = "seconds after subscribing before the window (${DEFAULT-VALUE})")
    double warmupSeconds;

    @Option(names = "--duration", paramLabel = "S", order = 207, defaultValue = "30",
            description = "measurement window in seconds (${DEFAULT-VALUE})")
    double durationSeconds;

    int sampleEvery;

    @Option(names = "--sample-every", paramLabel = "K", order = 208, defaultValue = "20",
            description = "parse every Kth message of each subscriber for latency (${DEFAULT-VALUE})")
    void sampleEvery(int k) {
        sampleEvery = Math.max(1, k);
    }

    @Option(names = "--publish-rate", paramLabel = "R", order = 209, defaultValue = "-1",
            description = "expected messages per subscriber per second (default: measured from the sequence numbers "
                    + "a reference subscriber sees, else its message rate)")
    double publishRate;

    @Option(names = "--frozen-percent", paramLabel = "P", order = 210, defaultValue = "0",
            description = "P%% of subscribers stop reading when the warm-up starts (${DEFAULT-VALUE})")
    double frozenPercent;

    @Option(names = "--freeze-at", paramLabel = "WHEN", order = 211, defaultValue = "warmup",
            description = "warmup: frozen subscribers read until the warm-up starts (their kernel buffers have "
                    + "grown); subscribe: they never read a message (${DEFAULT-VALUE})")
    String freezeAt;

    @Option(names = "--frozen-rcvbuf", paramLabel = "B", order = 212, defaultValue = "4096",
            description = "SO_RCVBUF of frozen subscribers' sockets, bytes; 0 = OS default (${DEFAULT-VALUE})")
    int frozenReceiveBuffer;

    @Option(names = "--tool-warmup", paramLabel = "K", order = 213, defaultValue = "0",
            description = "before the ramp, connect K subscribers (as the measured ones, at the connect rate), "
                    + "close them and count nothing of them: the tool's own code is compiled first. A fresh "
                    + "tool JVM adds 100-200 ms to the p99 connect and first-message times of its first ~1,000 "
                    + "connections (${DEFAULT-VALUE})")
    int toolWarmupConnections;

    @Option(names = "--tool-warmup-url", paramLabel = "URL", order = 214,
            description = "where the warm-up connects (--url); another server leaves the measured one cold")
    URI toolWarmupUrl;

    @Option(names = "--transport", paramLabel = "netty|jdk", order = 215, defaultValue = "netty",
            description = "Netty (epoll) or java.net.http.WebSocket (${DEFAULT-VALUE})")
    String transport;

    @Option(names = "--deflate", order = 216,
            description = "offer permessage-deflate, as browsers do (Netty only); the report then also gives the "
                    + "bytes on the wire per delivery")
    boolean deflate;

    /** Headers every SUBSCRIBE carries besides id, destination and ack, as "name:value" lines. */
    List<String> subscribeHeaders;

    @Option(names = "--subscribe-headers", paramLabel = "H", order = 217, defaultValue = "",
            description = "more headers on every SUBSCRIBE, comma-separated name:value pairs; the report names "
                    + "them. E.g. format:lean (StockTicker's lean batches)")
    void subscribeHeaders(String list) {
        subscribeHeaders = commaSeparated(list);
    }

    @Option(names = "--threads", paramLabel = "T", order = 218, defaultValue = "2",
            description = "I/O threads (${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--connect-timeout", paramLabel = "S", order = 219, defaultValue = "15",
            description = "TCP + WebSocket + STOMP CONNECTED timeout per connection (${DEFAULT-VALUE})")
    double connectTimeoutSeconds;

    @Option(names = "--first-message-timeout", paramLabel = "S", order = 220, defaultValue = "10",
            description = "how long to wait for every subscriber's first message (${DEFAULT-VALUE})")
    double firstMessageTimeoutSeconds;

    // ---- Server (order 3xx) ----

    @Option(names = "--server-pid", paramLabel = "PID", order = 300, defaultValue = "-1",
            description = "read its VmRSS and CPU from /proc (none)")
    long serverPid;

    @Option(names = "--server-heap", order = 301,
            description = "also measure its live heap with `jcmd PID GC.class_histogram` (a full GC) before "
                    + "connecting, with N idle connections, and after the window")
    boolean serverHeap;

    // ---- Output (order 4xx) ----

    @Option(names = "--label", paramLabel = "NAME", order = 400, defaultValue = "server",
            description = "name of the server in the report (${DEFAULT-VALUE})")
    String label;

    @Option(names = "--json", paramLabel = "FILE", order = 401, description = "write the report as JSON")
    String jsonFile;

    @Option(names = "--quiet", order = 402, description = "no progress lines on stderr")
    boolean quiet;

    @Option(names = { "-h", "--help" }, usageHelp = true, order = 403, description = "this help")
    boolean help;

    /** What the tool does with its options; its exception is printed with its stack trace and exits with 1. */
    interface Run {
        int run(Options options) throws Exception;
    }

    /**
     * Parses {@code args} and runs {@code run} with the options. Returns the exit code: run's; 0 after {@code --help};
     * 2 for a bad option or value, after printing "error: ..." on stderr.
     */
    static int parseAndRun(String[] args, Run run) {
        Options options = new Options();
        CommandLine cli = new CommandLine(options)
                .setExpandAtFiles(false) // a value may start with @
                .setUsageHelpLongOptionsMaxWidth(28)
                .setOverwrittenOptionsAllowed(true) // the last of a repeated option wins (bench/run.sh repeats --warmup)
                .setParameterExceptionHandler(Options::badOption)
                .setExecutionStrategy(parsed -> {
                    Integer helpExitCode = CommandLine.executeHelpRequest(parsed);
                    if (helpExitCode != null) {
                        return helpExitCode;
                    }
                    options.complete(parsed);
                    try {
                        return run.run(options);
                    } catch (Exception e) {
                        throw new CommandLine.ExecutionException(parsed.commandSpec().commandLine(), e.toString(), e);
                    }
                });
        Map<String, CommandLine.IHelpSectionRenderer> help = cli.getHelpSectionMap();
        help.put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, Options::optionSections);
        cli.setHelpSectionMap(help);
        return cli.execute(args);
    }

    /** The option list of {@code --help}, in the sections their order says. */
    private static String optionSections(CommandLine.Help help) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < SECTIONS.size(); i++) {
            int section = i + 1;
            CommandLine.Help.Layout layout = help.createDefaultLayout();
            help.commandSpec().options().stream().filter(option -> option.order() / 100 == section)
                    .sorted(Comparator.comparingInt(OptionSpec::order)).forEach(option -> layout.addOption(option, help.createDefaultParamLabelRenderer()));
            out.append('\n').append(SECTIONS.get(i)).append('\n').append(layout);
        }
        return out.toString();
    }

    private static int badOption(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        cli.getErr().println("error: " + e.getMessage() + " (try --help)");
        UnmatchedArgumentException.printSuggestions(e, cli.getErr());
        return 2;
    }

    /** Applies the scenario's preset where the command line gave no value, fills the defaults that depend on others, and checks. */
    private void complete(ParseResult parsed) {
        CommandSpec spec = parsed.commandSpec();
        if (parsed.hasMatchedOption("--scenario")) {
            Map<String, String> preset = SCENARIOS.get(scenario);
            if (preset == null) {
                throw new ParameterException(spec.commandLine(), "unknown scenario " + scenario + " (prices, per-symbol, managed)");
            }
            preset.forEach((name, value) -> {
                if (!parsed.hasMatchedOption(name)) {
                    OptionSpec option = spec.findOption(name);
                    option.setValue(value);
                }
            });
        }
        if (toolWarmupUrl == null) {
            toolWarmupUrl = url;
        }
        if (stompHost == null) {
            stompHost = url.getHost();
        }
        String invalid = invalid();
        if (invalid != null) {
            throw new ParameterException(spec.commandLine(), invalid);
        }
    }

    /** What is wrong with the options' values, or null. */
    private String invalid() {
        if (!transport.equals("netty") && !transport.equals("jdk")) {
            return "--transport is netty or jdk";
        }
        if (deflate && !transport.equals("netty")) {
            return "--deflate needs --transport netty";
        }
        if (subscribers < 1 || subscribers > 60_000) {
            return "--subscribers must be 1..60000";
        }
        if (connectRate <= 0 || subscribeRate <= 0 || durationSeconds <= 0 || durationSeconds > 3600
                || warmupSeconds < 0 || warmupSeconds > 3600 || settleSeconds < 0 || settleSeconds > 600) {
            return "rates must be positive, the window 0..3600 s, warm-up 0..3600 s";
        }
        if (!freezeAt.equals("warmup") && !freezeAt.equals("subscribe")) {
            return "--freeze-at is warmup or subscribe";
        }
        if (frozenPercent < 0 || frozenPercent > 100) {
            return "--frozen-percent is 0..100";
        }
        if (toolWarmupConnections < 0 || toolWarmupConnections > 60_000) {
            return "--tool-warmup must be 0..60000";
        }
        return null;
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

    /** "a, b,,c" is [a, b, c]; "" is []. */
    private static List<String> commaSeparated(String v) {
        List<String> out = new ArrayList<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }
}
