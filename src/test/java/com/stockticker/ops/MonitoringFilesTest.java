package com.stockticker.ops;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.stockticker.support.Monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The operators' files under {@code monitoring/} hold together with each other and with {@code compose.yaml}, which
 * cannot be started here (no container engine): what compose mounts exists, Prometheus scrapes every StockTicker
 * service where it serves its metrics, Grafana finds the datasource and the dashboard where they are provisioned,
 * every panel and alert is complete. With promtool installed (.ci/run installs it), Prometheus's own checks run too.
 */
@SuppressWarnings("unchecked")
class MonitoringFilesTest {

    private static final Path COMPOSE = Path.of("compose.yaml");

    @Test
    void everyPanelReadsThePrometheusDatasourceForTheChosenInstancesWithAUnitAndALegendPerInstance() {
        JsonNode dashboard = Monitoring.dashboard();
        String datasource = datasourceUid();
        assertThat(dashboard.get("uid").asString()).isNotBlank();
        assertThat(dashboard.get("templating").get("list")).singleElement()
                .satisfies(variable -> assertThat(variable.get("name").asString()).isEqualTo("instance"));

        List<JsonNode> panels = Monitoring.panels();
        assertThat(panels).hasSizeGreaterThan(15);
        for (JsonNode panel : panels) {
            String title = panel.get("title").asString();
            assertThat(panel.get("datasource").get("uid").asString()).as(title).isEqualTo(datasource);
            assertThat(panel.get("description").asString()).as(title).isNotBlank();
            assertThat(panel.get("fieldConfig").get("defaults").get("unit").asString()).as(title).isNotBlank();
            assertThat(panel.get("targets")).as(title).isNotEmpty();
            for (JsonNode target : panel.get("targets")) {
                assertThat(target.get("datasource").get("uid").asString()).as(title).isEqualTo(datasource);
                if (!target.get("expr").asString().startsWith("ALERTS")) {
                    assertThat(target.get("expr").asString()).as(title).contains("instance=~\"$instance\"");
                    assertThat(target.get("legendFormat").asString()).as(title).contains("{{instance}}");
                }
            }
        }
    }

    @Test
    void panelsHaveDistinctIdsAndDoNotOverlapOnTheGrid() {
        List<JsonNode> all = new ArrayList<>();
        Monitoring.dashboard().get("panels").forEach(all::add);
        assertThat(all.stream().map(panel -> panel.get("id").asInt())).doesNotHaveDuplicates();
        for (int i = 0; i < all.size(); i++) {
            JsonNode a = all.get(i).get("gridPos");
            assertThat(a.get("x").asInt() + a.get("w").asInt()).as(all.get(i).get("title").asString()).isLessThanOrEqualTo(24);
            for (JsonNode other : all.subList(i + 1, all.size())) {
                JsonNode b = other.get("gridPos");
                boolean overlap = a.get("x").asInt() < b.get("x").asInt() + b.get("w").asInt() && b.get("x").asInt() < a.get("x").asInt() + a.get("w").asInt()
                        && a.get("y").asInt() < b.get("y").asInt() + b.get("h").asInt() && b.get("y").asInt() < a.get("y").asInt() + a.get("h").asInt();
                assertThat(overlap).as(all.get(i).get("title").asString() + " and " + other.get("title").asString()).isFalse();
            }
        }
    }

    @Test
    void everyAlertWaitsBeforeFiringAndSaysHowBadItIsAndWhatToDo() {
        List<Map<String, Object>> rules = Monitoring.alertRules();
        assertThat(rules).extracting(rule -> rule.get("alert")).contains("StockTickerNotReady", "StockTickerMarketStalled",
                "StockTickerMessagesDropped", "StockTickerSlowClientClosesSurging");
        for (Map<String, Object> rule : rules) {
            String name = (String) rule.get("alert");
            assertThat((String) rule.get("for")).as(name).matches("\\d+[smh]");
            assertThat(((Map<String, String>) rule.get("labels")).get("severity")).as(name).isIn("critical", "warning");
            assertThat((Map<String, String>) rule.get("annotations")).as(name).containsOnlyKeys("summary", "description", "runbook")
                    .allSatisfy((key, text) -> assertThat(text).isNotBlank());
        }
    }

    @Test
    void composeMountsFilesThatExistAndPrometheusScrapesEveryInstance() {
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) Monitoring.yaml(COMPOSE).get("services");
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            for (String volume : (List<String>) service.getValue().getOrDefault("volumes", List.of())) {
                if (volume.startsWith("./")) {
                    assertThat(Path.of(volume.substring(0, volume.indexOf(':')))).as(service.getKey()).exists();
                }
            }
        }
        for (String monitor : List.of("prometheus", "grafana")) {
            assertThat((String) services.get(monitor).get("image")).as(monitor).matches("[\\w./-]+:v?\\d+(\\.\\d+)+");
        }

        // The StockTicker instances: every service built from this repository, on the port it serves in its container.
        Map<String, Object> scrape = ((List<Map<String, Object>>) Monitoring.yaml(Monitoring.PROMETHEUS).get("scrape_configs")).get(0);
        assertThat(scrape).containsEntry("metrics_path", "/actuator/prometheus");
        Set<String> targets = new HashSet<>();
        ((List<Map<String, List<String>>>) scrape.get("static_configs")).forEach(config -> targets.addAll(config.get("targets")));
        ((List<Map<String, Object>>) scrape.get("dns_sd_configs")).forEach(config ->
                ((List<String>) config.get("names")).forEach(name -> targets.add(name + ":" + config.get("port"))));
        List<String> instances = services.entrySet().stream().filter(service -> service.getValue().containsKey("build"))
                .map(service -> service.getKey() + ":" + containerPort(service.getValue())).toList();
        assertThat(instances).containsExactlyInAnyOrder("core-a:8080", "core-b:8080", "edge:8080");
        assertThat(targets).containsExactlyInAnyOrderElementsOf(instances);
        // The instances serve Actuator on their own port: nobody moves it elsewhere with MANAGEMENT_SERVER_PORT.
        services.values().stream().filter(service -> service.containsKey("build"))
                .forEach(service -> assertThat((Map<String, Object>) service.get("environment")).doesNotContainKey("MANAGEMENT_SERVER_PORT"));

        // Prometheus reads its rules next to its configuration, where compose mounts them.
        List<String> prometheusVolumes = (List<String>) services.get("prometheus").get("volumes");
        assertThat(prometheusVolumes).contains("./" + Monitoring.PROMETHEUS + ":/etc/prometheus/prometheus.yml:ro");
        for (String rules : (List<String>) Monitoring.yaml(Monitoring.PROMETHEUS).get("rule_files")) {
            assertThat(prometheusVolumes).contains("./" + Monitoring.PROMETHEUS.resolveSibling(rules) + ":/etc/prometheus/" + rules + ":ro");
        }
    }

    @Test
    void grafanaIsProvisionedWithTheDatasourceAndTheDashboardAtTheMountedPaths() {
        Map<String, Object> grafana = ((Map<String, Map<String, Object>>) Monitoring.yaml(COMPOSE).get("services")).get("grafana");
        List<String> volumes = (List<String>) grafana.get("volumes");
        assertThat(volumes).contains("./" + Monitoring.DATASOURCES.getParent() + ":/etc/grafana/provisioning/datasources:ro",
                "./" + Monitoring.DASHBOARD_PROVIDERS.getParent() + ":/etc/grafana/provisioning/dashboards:ro");

        Map<String, Object> provider = ((List<Map<String, Object>>) Monitoring.yaml(Monitoring.DASHBOARD_PROVIDERS).get("providers")).get(0);
        String dashboards = (String) ((Map<String, Object>) provider.get("options")).get("path");
        assertThat(volumes).contains("./" + Monitoring.DASHBOARD.getParent() + ":" + dashboards + ":ro");
        assertThat((Map<String, String>) grafana.get("environment")).containsEntry("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH",
                dashboards + "/" + Monitoring.DASHBOARD.getFileName());

        Map<String, Object> datasource = ((List<Map<String, Object>>) Monitoring.yaml(Monitoring.DATASOURCES).get("datasources")).get(0);
        assertThat(datasource).containsEntry("type", "prometheus").containsEntry("url", "http://prometheus:9090");
        assertThat((List<String>) ((Map<String, Map<String, Object>>) Monitoring.yaml(COMPOSE).get("services")).get("prometheus").get("ports"))
                .singleElement().asString().endsWith(":9090");
    }

    @Test
    void theQueryReaderFindsTheMetricsOfAnExpressionAndReportsWhatIsNotExported() {
        assertThat(Monitoring.selectors("histogram_quantile(0.99, sum by (instance, le) (rate(a_seconds_bucket{instance=~\"$instance\"}[$__rate_interval])))"))
                .containsExactly(new Monitoring.Selector("a_seconds_bucket", Map.of()));
        assertThat(Monitoring.selectors("sum by (instance) (increase(b_total{job=\"x\", status=\"REJECTED\"}[5m])) > 10\nand on(instance) 60 * rate(b_total[1h]) > bool c_ratio offset 5m"))
                .containsExactly(new Monitoring.Selector("b_total", Map.of("job", "x", "status", "REJECTED")), new Monitoring.Selector("c_ratio", Map.of()));
        assertThat(Monitoring.selectors("label_values(up{job=\"stockticker\"}, instance)"))
                .containsExactly(new Monitoring.Selector("up", Map.of("job", "stockticker")));

        String exposition = """
                # TYPE b_total counter
                b_total{status="FILLED"} 1.0
                c_ratio 0.5
                """;
        assertThat(Monitoring.missing(List.of(new Monitoring.Query("q", "b_total{status=\"REJECTED\"} + c_ratio + d + up")), exposition, Set.of()))
                .containsExactly("b_total{status=\"REJECTED\"} (q)", "d (q)");
    }

    @Test
    void promtoolAcceptsTheConfigurationAndTheAlertsPassTheirUnitTests() throws Exception {
        assumeTrue(onPath("promtool"), "promtool is not installed (.ci/run installs it from Debian's prometheus package)");
        assertThat(promtool("check", "config", Monitoring.PROMETHEUS.toString())).contains("SUCCESS");
        assertThat(promtool("test", "rules", Monitoring.ALERTS_TEST.toString())).contains("SUCCESS");
    }

    private static String datasourceUid() {
        return (String) ((List<Map<String, Object>>) Monitoring.yaml(Monitoring.DATASOURCES).get("datasources")).get(0).get("uid");
    }

    private static String containerPort(Map<String, Object> service) {
        String published = ((List<String>) service.get("ports")).get(0);
        return published.substring(published.lastIndexOf(':') + 1);
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator)).anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static String promtool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }
}
