package com.stockticker.leadership;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.stockticker.support.PostgreSql;
import com.stockticker.support.RabbitMq;
import com.stockticker.support.ServiceInstance;
import com.stockticker.support.ServiceProcess;
import com.stockticker.support.StompClient;
import com.stockticker.support.StompFrame;
import com.stockticker.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two cores and an edge on one PostgreSQL and one RabbitMQ, the cores in processes of their own so that the
 * active one can be killed for real: only the active core ticks and trades, a standby serves its clients as an
 * edge does, and when the active core is killed with SIGKILL the standby takes over with everything that was
 * acknowledged, while no client connection on the edge or the standby closes. The tests run in order on one
 * cluster: each kill leaves a new active core and a restarted standby for the next.
 */
@Tag("rabbitmq")
@Tag("postgresql")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final BigDecimal STARTING_CASH = new BigDecimal("100000");
    /** A bound on a failure, not the goal (5 s, measured and reported in docs/performance.md). */
    private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(60);
    /**
     * Kills in all: two in the regular suite (each kill and restart costs half a minute of CI); the figures in
     * docs/performance.md come from {@code ./mvnw test -Dtest=FailoverIntegrationTest -Dfailover.kills=5}.
     */
    private static final int KILLS = Integer.getInteger("failover.kills", 2);

    @RegisterExtension
    static final RabbitMq rabbit = new RabbitMq();

    @RegisterExtension
    static final PostgreSql postgres = new PostgreSql();

    private static String database;
    private static final Map<String, ServiceProcess> cores = new LinkedHashMap<>();
    private static final List<Duration> takeovers = new ArrayList<>();
    private static ServiceInstance edge;

    @BeforeAll
    static void startCluster() throws Exception {
        database = postgres.newDatabase();
        startCore("core-a");
        await().atMost(TAKEOVER_BOUND).until(() -> state("core-a").equals("active"));
        startCore("core-b");
        edge = ServiceInstance.start(rabbit.clusterProperties("edge"));
        await().atMost(Duration.ofSeconds(60)).until(() -> edge.readiness() == 200);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (edge != null) {
            edge.close();
        }
        for (ServiceProcess core : cores.values()) {
            core.close();
        }
    }

    @Test
    @Order(1)
    void onlyTheActiveCoreTicksAndTradesAndAStandbyServesItsClientsAsAnEdgeDoes() throws Exception {
        assertThat(state("core-b")).isEqualTo("standby");
        assertThat(info("core-b").get("activeCore").asString()).isEqualTo("core-a");
        try (StompClient onStandby = StompClient.connect(cores.get("core-b").ws(), login("cluster-1"));
                StompClient onEdge = StompClient.connect(edge.ws(), login("cluster-2"))) {
            String prices = onStandby.subscribe("/topic/prices");
            List<String> orders = List.of(onStandby.subscribeWithReceipt("/user/queue/orders"),
                    onEdge.subscribeWithReceipt("/user/queue/orders"));
            List<StompClient> traders = List.of(onStandby, onEdge);
            for (int i = 0; i < traders.size(); i++) {
                traders.get(i).sendJson("/app/orders", marketOrder("once-" + i + "-1"));
                traders.get(i).sendJson("/app/orders", marketOrder("once-" + i + "-2"));
            }
            for (int i = 0; i < traders.size(); i++) {
                // The second order's fill comes after any second fill of the first: there is none.
                List<JsonNode> events = traders.get(i).awaitMessages(orders.get(i), 4).stream().map(StompFrame::json).toList();
                assertThat(events).extracting(event -> event.get("clientOrderId").asString() + " " + event.get("status").asString())
                        .containsExactlyInAnyOrder("once-" + i + "-1 NEW", "once-" + i + "-1 FILLED", "once-" + i + "-2 NEW",
                                "once-" + i + "-2 FILLED");
            }
            // One market: every batch once, in sequence, as from a single instance.
            List<StompFrame> batches = onStandby.awaitMessages(prices, 20);
            for (int i = 1; i < batches.size(); i++) {
                assertThat(seq(batches.get(i))).isEqualTo(seq(batches.get(i - 1)) + 1);
            }
        }
    }

    @Test
    @Order(2)
    void aStandbyTakesOverFromACoreKilledDuringAnOrderStormAndNothingAcknowledgedIsLost() throws Exception {
        String active = activeCore();
        String standby = otherThan(active);
        try (StompClient onStandby = StompClient.connect(cores.get(standby).ws(), login("cluster-3"));
                StompClient onEdge = StompClient.connect(edge.ws(), login("cluster-4"))) {
            List<Storm> storms = List.of(new Storm(onStandby, "s"), new Storm(onEdge, "e"));
            String edgePrices = onEdge.subscribe("/topic/prices");
            String standbyPrices = onStandby.subscribe("/topic/prices");
            for (Storm storm : storms) {
                storm.start();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> storms.stream().allMatch(storm -> storm.filled() >= 20));

            kill(active);
            // Orders go on through both, and fill again once the standby took over.
            storms.forEach(Storm::markKill);
            await().atMost(TAKEOVER_BOUND).until(() -> storms.stream().allMatch(storm -> storm.filledSinceKill() >= 20));
            for (Storm storm : storms) {
                storm.finish();
            }
            for (Storm storm : storms) {
                storm.retryUnfilled();
            }

            assertThat(onEdge.closed()).as("the edge's client connection").isNotDone();
            assertThat(onStandby.closed()).as("the standby's client connection").isNotDone();
            for (String prices : List.of(edgePrices, standbyPrices)) {
                StompClient client = prices.equals(edgePrices) ? onEdge : onStandby;
                List<Long> seqs = client.messages(prices).stream().map(FailoverIntegrationTest::seq).toList();
                for (int i = 1; i < seqs.size(); i++) {
                    assertThat(seqs.get(i)).as("seq after %d", seqs.get(i - 1)).isGreaterThan(seqs.get(i - 1));
                }
            }
            for (Storm storm : storms) {
                storm.assertFilledExactlyOnce(cores.get(standby));
            }
        }
        startCore(active);
        assertThat(state(active)).as("a killed core that comes back").isEqualTo("standby");
        assertThat(state(standby)).isEqualTo("active");
    }

    @Test
    @Order(3)
    void theTakeoverTimeOverRepeatedKills() throws Exception {
        while (takeovers.size() < KILLS) {
            String active = activeCore();
            kill(active);
            startCore(active);
            assertThat(state(active)).isEqualTo("standby");
        }
        List<Long> millis = takeovers.stream().map(Duration::toMillis).sorted().toList();
        String report = "takeover ms over " + millis.size() + " kills: p50 " + millis.get(millis.size() / 2) + ", max "
                + millis.get(millis.size() - 1) + ", all " + millis;
        Path file = Path.of("target", "failover", "takeovers.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report + "\n");
        System.out.println(report);
        assertThat(millis).allMatch(ms -> ms < TAKEOVER_BOUND.toMillis());
    }

    @Test
    @Order(4)
    void aCoreThatLosesItsLockStandsDownAndTheOthersFollowOneMarket() throws Exception {
        String active = activeCore();
        String standby = otherThan(active);
        long epoch = info(active).get("epoch").asLong();
        try (StompClient onEdge = StompClient.connect(edge.ws(), login("cluster-5"));
                StompClient onOldCore = StompClient.connect(cores.get(active).ws(), login("cluster-5"))) {
            String prices = onEdge.subscribe("/topic/prices");
            String orders = onOldCore.subscribeWithReceipt("/user/queue/orders");
            onEdge.awaitMessages(prices, 5);

            // Harsher than a partition, where PostgreSQL would keep the lock until keepalive gave up: the lock's
            // connection ends now, so the standby may take over before the old core notices. The fence and the
            // epochs keep that harmless; the old core stands down at its next check.
            try (TestDatabase server = TestDatabase.at(database, "postgres")) {
                assertThat(server.jdbc().queryForObject("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        + "WHERE application_name = ?", Long.class, "stockticker core lock " + active)).isEqualTo(1);
            }
            await().atMost(TAKEOVER_BOUND).until(() -> state(standby).equals("active") && state(active).equals("standby"));
            assertThat(info(standby).get("epoch").asLong()).isGreaterThan(epoch);
            assertThat(info(active).get("activeCore").asString()).isEqualTo(standby);

            // The old core trades for its clients through the new one, once.
            onOldCore.sendJson("/app/orders", marketOrder("after-loss"));
            assertThat(onOldCore.awaitMessages(orders, 2)).extracting(frame -> frame.json().get("status").asString())
                    .containsExactly("NEW", "FILLED");
            int seen = onEdge.messages(prices).size();
            List<Long> seqs = onEdge.awaitMessages(prices, seen + 10).stream().map(FailoverIntegrationTest::seq).toList();
            for (int i = 1; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).as("seq after %d", seqs.get(i - 1)).isGreaterThan(seqs.get(i - 1));
            }
            assertThat(onEdge.closed()).isNotDone();
            assertThat(onOldCore.closed()).isNotDone();
        }
    }

    /**
     * SIGKILL for the active core, and the time until the standby says, in the database, that it is active:
     * both clocks are this machine's.
     */
    private static void kill(String active) throws Exception {
        String standby = otherThan(active);
        Instant killed = Instant.now();
        cores.remove(active).kill();
        await().atMost(TAKEOVER_BOUND).pollInterval(Duration.ofMillis(20)).until(() -> state(standby).equals("active"));
        Instant since = Instant.parse(info(standby).get("activeSince").asString());
        takeovers.add(Duration.between(killed, since));
    }

    private static void startCore(String name) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=test", "--spring.datasource.url=" + database,
                "--spring.datasource.username=postgres", "--ticker.leadership.instance-name=" + name,
                "--ticker.trading.orders-per-second=1000", "--ticker.trading.order-burst=1000"));
        rabbit.clusterProperties("core").forEach(property -> arguments.add("--" + property));
        cores.put(name, ServiceProcess.start(arguments.toArray(String[]::new)).awaitReady());
    }

    private static JsonNode info(String core) throws Exception {
        return JSON.readTree(cores.get(core).get("/actuator/info", null).body()).get("core");
    }

    private static String state(String core) throws Exception {
        return info(core).get("state").asString();
    }

    private static String activeCore() throws Exception {
        for (String core : cores.keySet()) {
            if (state(core).equals("active")) {
                return core;
            }
        }
        throw new AssertionError("no active core among " + cores.keySet());
    }

    private static String otherThan(String core) {
        return cores.keySet().stream().filter(name -> !name.equals(core)).findFirst().orElseThrow();
    }

    private static Map<String, String> login(String username) {
        return Map.of("login", username, "passcode", "alice-demo");
    }

    private static String marketOrder(String clientOrderId) {
        return """
                {"clientOrderId":"%s","symbol":"KO","side":"BUY","type":"MARKET","quantity":1}""".formatted(clientOrderId);
    }

    private static long seq(StompFrame batch) {
        return batch.json().get("seq").asLong();
    }

    /**
     * One trader's orders, one every 20 ms, each with a clientOrderId of its own: through a takeover some are
     * refused ({@code SERVICE_UNAVAILABLE}) or lost with the killed core's queue, and are sent again afterwards
     * with the same clientOrderId, as the protocol tells clients to.
     */
    private static final class Storm extends Thread {

        private final StompClient trader;
        private final String prefix;
        private final String orders;
        private final List<String> sent = new CopyOnWriteArrayList<>();
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final AtomicInteger filledAtKill = new AtomicInteger(-1);

        Storm(StompClient trader, String prefix) {
            super("order-storm-" + prefix);
            this.trader = trader;
            this.prefix = prefix;
            this.orders = trader.subscribeWithReceipt("/user/queue/orders");
            trader.subscribeWithReceipt("/user/queue/errors");
        }

        @Override
        public void run() {
            for (int i = 0; !stopping.get(); i++) {
                String id = prefix + "-" + i;
                sent.add(id);
                trader.sendJson("/app/orders", marketOrder(id));
                try {
                    Thread.sleep(20);
                }
                catch (InterruptedException interrupted) {
                    return;
                }
            }
        }

        int filled() {
            return (int) events().stream().filter(event -> event.get("status").asString().equals("FILLED")).count();
        }

        void markKill() {
            filledAtKill.set(filled());
        }

        int filledSinceKill() {
            return filled() - filledAtKill.get();
        }

        void finish() throws InterruptedException {
            stopping.set(true);
            join();
        }

        /** Every order without a fill is sent again, with its clientOrderId, until it has one. */
        void retryUnfilled() {
            List<String> unfilled = sent.stream().filter(id -> !filledIds().contains(id)).toList();
            unfilled.forEach(id -> trader.sendJson("/app/orders", marketOrder(id)));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(filledIds()).containsAll(unfilled));
        }

        /**
         * The active core's history holds each clientOrderId once, filled; every order the trader heard of is in
         * it; and cash and position are what those fills say.
         */
        void assertFilledExactlyOnce(ServiceProcess core) throws Exception {
            String user = username();
            Map<String, JsonNode> byClientOrderId = new LinkedHashMap<>();
            for (JsonNode order : history(core, user)) {
                assertThat(byClientOrderId.put(order.get("clientOrderId").asString(), order)).as("a second order for %s",
                        order.get("clientOrderId").asString()).isNull();
            }
            assertThat(byClientOrderId.keySet()).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(byClientOrderId.values()).allMatch(order -> order.get("status").asString().equals("FILLED"));
            events().forEach(event -> assertThat(byClientOrderId.get(event.get("clientOrderId").asString()).get("orderId").asString())
                    .isEqualTo(event.get("orderId").asString()));
            BigDecimal spent = byClientOrderId.values().stream().map(order -> order.get("averagePrice").decimalValue())
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            JsonNode portfolio = JSON.readTree(core.get("/api/portfolio", user).body());
            assertThat(portfolio.get("cash").decimalValue()).isEqualByComparingTo(STARTING_CASH.subtract(spent));
            assertThat(portfolio.get("positions").get(0).get("quantity").asLong()).isEqualTo(sent.size());
        }

        private String username() {
            return prefix.equals("s") ? "cluster-3" : "cluster-4";
        }

        private List<JsonNode> events() {
            return trader.messages(orders).stream().map(StompFrame::json).toList();
        }

        private List<String> filledIds() {
            return events().stream().filter(event -> event.get("status").asString().equals("FILLED"))
                    .map(event -> event.get("clientOrderId").asString()).toList();
        }

        private static List<JsonNode> history(ServiceProcess core, String user) throws Exception {
            List<JsonNode> orders = new ArrayList<>();
            String before = null;
            while (true) {
                JsonNode page = JSON.readTree(core.get("/api/orders?limit=1000" + (before != null ? "&before=" + before : ""), user).body());
                page.forEach(orders::add);
                if (page.size() < 1000) {
                    return orders;
                }
                before = page.get(page.size() - 1).get("orderId").asString();
            }
        }
    }
}
