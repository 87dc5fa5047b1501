package com.stockticker.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the operators' files under {@code monitoring/} ask of the service: the PromQL of every Grafana panel and
 * variable and of every Prometheus alert, and the metrics those expressions read. The metric names come from a
 * small reading of PromQL (names outside functions, label matchers, ranges, grouping clauses and keywords), enough
 * for the expressions of these files, which a test checks against a running service's {@code /actuator/prometheus}.
 */
public final class Monitoring {

    public static final Path DIRECTORY = Path.of("monitoring");
    public static final Path DASHBOARD = DIRECTORY.resolve("grafana/dashboards/stockticker.json");
    public static final Path DATASOURCES = DIRECTORY.resolve("grafana/provisioning/datasources/prometheus.yaml");
    public static final Path DASHBOARD_PROVIDERS = DIRECTORY.resolve("grafana/provisioning/dashboards/stockticker.yaml");
    public static final Path PROMETHEUS = DIRECTORY.resolve("prometheus/prometheus.yml");
    public static final Path ALERTS = DIRECTORY.resolve("prometheus/alerts.yml");
    public static final Path ALERTS_TEST = DIRECTORY.resolve("prometheus/alerts-test.yml");

    /** Series that Prometheus makes itself: whether a scrape worked, and its alerts. */
    public static final Set<String> PROMETHEUS_OWN = Set.of("up", "ALERTS");

    /** What only the active core of a cluster exports (a single instance has no RabbitMQ): checked by the cluster's test. */
    public static final Set<String> CLUSTER_ONLY = Set.of("ticker_backplane_dropped_total");

    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*\\w+\\)");
    private static final Pattern SELECTOR = Pattern.compile("([A-Za-z_:][\\w:]*+)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("(\\w+)\\s*(=~|!=|!~|=)\\s*\"([^\"]*)\"");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern STRING = Pattern.compile("\"[^\"]*\"");
    // Possessive, so that "rate(" is a function and never the metric "rat".
    private static final Pattern NAME = Pattern.compile("(?<![\\w.$])([A-Za-z_:][\\w:]*+)(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");
    private static final Pattern SAMPLE = Pattern.compile("^([A-Za-z_:][\\w:]*)(?:\\{(.*)})?\\s+\\S+.*$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private Monitoring() {
    }

    /** One metric an expression reads, with the labels it asks to equal a literal value (not a Grafana variable). */
    public record Selector(String metric, Map<String, String> equalities) {
    }

    /** One PromQL expression and where it is (a panel's title, an alert's name). */
    public record Query(String where, String expr) {

        public List<Selector> selectors() {
            return Monitoring.selectors(expr);
        }
    }

    public static JsonNode dashboard() {
        try {
            return JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A YAML file of the repository, as maps and lists; SnakeYAML also resolves compose.yaml's merge keys. */
    public static Map<String, Object> yaml(Path file) {
        try {
            return new Yaml().load(Files.readString(file));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Every panel that is not a row. */
    public static List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard().get("panels")) {
            if (!panel.get("type").asString().equals("row")) {
                panels.add(panel);
            }
        }
        return panels;
    }

    /** The queries of every panel and of the dashboard's variables. */
    public static List<Query> dashboardQueries() {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.get("targets")) {
                queries.add(new Query("panel \"" + panel.get("title").asString() + "\"", target.get("expr").asString()));
            }
        }
        for (JsonNode variable : dashboard().get("templating").get("list")) {
            queries.add(new Query("variable $" + variable.get("name").asString(), variable.get("definition").asString()));
        }
        return queries;
    }

    /** The rules of alerts.yml, each a map of alert, expr, for, labels, annotations. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> alertRules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) yaml(ALERTS).get("groups")) {
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return rules;
    }

    public static List<Query> alertQueries() {
        return alertRules().stream().map(rule -> new Query("alert " + rule.get("alert"), rule.get("expr").toString())).toList();
    }

    public static List<Query> allQueries() {
        List<Query> queries = new ArrayList<>(dashboardQueries());
        queries.addAll(alertQueries());
        return queries;
    }

    public static List<Selector> selectors(String promql) {
        Matcher variable = LABEL_VALUES.matcher(promql.strip());
        String expr = variable.matches() ? variable.group(1) : promql;
        Map<String, Map<String, String>> found = new LinkedHashMap<>();
        Matcher selector = SELECTOR.matcher(expr);
        StringBuilder rest = new StringBuilder();
        while (selector.find()) {
            Map<String, String> equalities = found.computeIfAbsent(selector.group(1), name -> new LinkedHashMap<>());
            Matcher matcher = MATCHER.matcher(selector.group(2));
            while (matcher.find()) {
                if (matcher.group(2).equals("=") && !matcher.group(3).contains("$")) {
                    equalities.put(matcher.group(1), matcher.group(3));
                }
            }
            selector.appendReplacement(rest, Matcher.quoteReplacement(selector.group(1)));
        }
        selector.appendTail(rest);
        String bare = STRING.matcher(GROUPING.matcher(RANGE.matcher(rest).replaceAll("")).replaceAll("")).replaceAll("");
        if (bare.contains("{")) {
            throw new IllegalArgumentException("A label matcher without a metric name is not read here: " + promql);
        }
        Matcher name = NAME.matcher(bare);
        while (name.find()) {
            if (!KEYWORDS.contains(name.group(1).toLowerCase())) {
                found.computeIfAbsent(name.group(1), metric -> new LinkedHashMap<>());
            }
        }
        return found.entrySet().stream().map(entry -> new Selector(entry.getKey(), entry.getValue())).toList();
    }

    /** The series of a Prometheus text exposition: each sample's name with its labels. */
    public static Map<String, List<Map<String, String>>> series(String exposition) {
        Map<String, List<Map<String, String>>> series = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            series.computeIfAbsent(sample.group(1), name -> new ArrayList<>()).add(labels);
        }
        return series;
    }

    /**
     * What the queries read that the exposition lacks, in words: a metric with no series, or no series with a label
     * a query asks to equal. {@code instance} and {@code job} are Prometheus's labels, and {@code absentHere} names the
     * metrics this service is not expected to export.
     */
    public static Set<String> missing(List<Query> queries, String exposition, Set<String> absentHere) {
        Map<String, List<Map<String, String>>> series = series(exposition);
        Set<String> missing = new LinkedHashSet<>();
        for (Query query : queries) {
            for (Selector selector : query.selectors()) {
                String metric = selector.metric();
                if (PROMETHEUS_OWN.contains(metric) || absentHere.contains(metric)) {
                    continue;
                }
                List<Map<String, String>> samples = series.getOrDefault(metric, List.of());
                if (samples.isEmpty()) {
                    missing.add(metric + " (" + query.where() + ")");
                }
                selector.equalities().forEach((label, value) -> {
                    if (!label.equals("instance") && !label.equals("job")
                            && samples.stream().noneMatch(labels -> value.equals(labels.get(label)))) {
                        missing.add(metric + "{" + label + "=\"" + value + "\"} (" + query.where() + ")");
                    }
                });
            }
        }
        return missing;
    }
}
