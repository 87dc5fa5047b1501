package com.stockticker.trading;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.stockticker.errors.ErrorCode;
import com.stockticker.errors.RejectedMessageException;
import com.stockticker.market.CandleProperties;
import com.stockticker.market.Instrument;
import com.stockticker.market.MarketProperties;
import com.stockticker.market.Quote;
import com.stockticker.market.QuoteBatch;
import com.stockticker.market.QuoteBook;
import com.stockticker.storage.Journal;
import com.stockticker.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The desk against quotes the test chooses, so that every crossing is certain, on a database of its own. */
class TradingDeskTest {

    private static final Instant NOW = Instant.parse("2026-01-05T15:00:00Z");

    private final List<Object> events = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final QuoteBook book = new QuoteBook(new QuoteBatch(0, NOW, List.of(quote("ACME", "100.00", 0))), 10,
            new CandleProperties(List.of(Duration.ofMinutes(1)), 10));
    private final TestDatabase database = emptyDatabase().migrate();
    private final Journal journal = database.journal();
    private final TradingDesk desk = desk();

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    /** A new database, not migrated yet; here an in-memory HSQLDB, in {@code PostgreSqlTradingDeskTest} a PostgreSQL. */
    TestDatabase emptyDatabase() {
        return TestDatabase.at(TestDatabase.embeddedUrl(), "sa");
    }

    /** Makes the database fail every write: here its orders table goes away. */
    void takeDatabaseAway() throws Exception {
        database.jdbc().execute("ALTER TABLE orders RENAME TO orders_away");
    }

    void bringDatabaseBack() throws Exception {
        database.jdbc().execute("ALTER TABLE orders_away RENAME TO orders");
    }

    @Test
    void aMarketBuyPaysTheAskAndASellGetsTheBid() {
        assertThat(desk.place("ann", order("b1", Side.BUY, OrderType.MARKET, 10, null)).averagePrice()).isEqualByComparingTo("100.05");
        tick(1, "110.00");
        OrderEvent sold = desk.place("ann", order("s1", Side.SELL, OrderType.MARKET, 4, null));

        assertThat(sold.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(sold.averagePrice()).isEqualByComparingTo("109.95");
        Portfolio portfolio = desk.portfolio("ann");
        assertThat(portfolio.cash()).isEqualByComparingTo(new BigDecimal("10000")
                .subtract(new BigDecimal("1000.50")).add(new BigDecimal("439.80")));
        Position acme = portfolio.positions().get(0);
        assertThat(acme.quantity()).isEqualTo(6);
        assertThat(acme.averageCost()).isEqualByComparingTo("100.05");
        assertThat(acme.realizedPnl()).isEqualByComparingTo("39.60");
        assertThat(acme.unrealizedPnl()).isEqualByComparingTo("59.70");
        assertThat(portfolio.equity()).isEqualByComparingTo(portfolio.cash().add(new BigDecimal("660.00")));
    }

    @Test
    void aLimitBuyRestsUntilATickCrossesItAndFillsAtTheAskOrBetter() {
        OrderEvent placed = desk.place("ann", order("l1", Side.BUY, OrderType.LIMIT, 10, "99.00"));
        assertThat(placed.status()).isEqualTo(OrderStatus.NEW);
        assertThat(desk.portfolio("ann").availableCash()).isEqualByComparingTo("9010.00");

        tick(1, "99.50");
        assertThat(desk.orders("ann").get(0).status()).isEqualTo(OrderStatus.NEW);
        tick(2, "98.80");
        journal.flush().join();

        OrderEvent filled = desk.orders("ann").get(0);
        assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(filled.averagePrice()).isEqualByComparingTo("98.85");
        assertThat(filled.filledQuantity()).isEqualTo(10);
        assertThat(desk.portfolio("ann").cash()).isEqualByComparingTo("9011.50");
        assertThat(desk.portfolio("ann").availableCash()).isEqualByComparingTo("9011.50");
        assertThat(events).filteredOn(OrderUpdated.class::isInstance).map(e -> ((OrderUpdated) e).order().status())
                .containsExactly(OrderStatus.NEW, OrderStatus.FILLED);
    }

    @Test
    void aLimitSellFillsWhenTheBidReachesIt() {
        desk.place("ann", order("b1", Side.BUY, OrderType.MARKET, 5, null));
        desk.place("ann", order("s1", Side.SELL, OrderType.LIMIT, 5, "101.00"));
        tick(1, "101.10");

        OrderEvent sold = desk.orders("ann").get(1);
        assertThat(sold.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(sold.averagePrice()).isEqualByComparingTo("101.05");
    }

    @Test
    void cancelingReleasesWhatTheOrderReserved() {
        desk.place("ann", order("l1", Side.BUY, OrderType.LIMIT, 50, "90.00"));
        assertThat(desk.portfolio("ann").availableCash()).isEqualByComparingTo("5500.00");
        assertThat(desk.place("ann", order("l2", Side.BUY, OrderType.LIMIT, 70, "90.00")).reason())
                .isEqualTo(ErrorCode.INSUFFICIENT_CASH);

        assertThat(desk.cancel("ann", null, "l1").status()).isEqualTo(OrderStatus.CANCELED);

        assertThat(desk.portfolio("ann").availableCash()).isEqualByComparingTo("10000.00");
        assertThatThrownBy(() -> desk.cancel("ann", null, "l1")).isInstanceOf(RejectedMessageException.class)
                .hasMessageContaining("CANCELED");
        assertThatThrownBy(() -> desk.cancel("ann", "O-999", null)).isInstanceOf(RejectedMessageException.class)
                .hasMessageContaining("No order");
    }

    @Test
    void sharesPromisedToAnOpenSellCannotBeSoldAgain() {
        desk.place("ann", order("b1", Side.BUY, OrderType.MARKET, 10, null));
        desk.place("ann", order("s1", Side.SELL, OrderType.LIMIT, 8, "120.00"));

        assertThat(desk.place("ann", order("s2", Side.SELL, OrderType.MARKET, 3, null)).reason())
                .isEqualTo(ErrorCode.INSUFFICIENT_POSITION);
        assertThat(desk.place("ann", order("s3", Side.SELL, OrderType.MARKET, 2, null)).status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void aRetriedClientOrderIdNeverTradesTwice() {
        OrderEvent first = desk.place("ann", order("once", Side.BUY, OrderType.MARKET, 10, null));
        OrderEvent again = desk.place("ann", order("once", Side.BUY, OrderType.MARKET, 99, null));

        assertThat(again).isEqualTo(first);
        assertThat(desk.portfolio("ann").positions().get(0).quantity()).isEqualTo(10);
        assertThat(meters.counter("ticker.orders", "status", "FILLED", "reason", "none").count()).isEqualTo(1);
        assertThat(meters.counter("ticker.orders", "status", "NEW", "reason", "none").count()).isEqualTo(1);
    }

    @Test
    void openOrdersAreLimited() {
        for (int i = 0; i < 3; i++) {
            assertThat(desk.place("ann", order("o" + i, Side.BUY, OrderType.LIMIT, 1, "50.00")).status()).isEqualTo(OrderStatus.NEW);
        }
        assertThat(desk.place("ann", order("o3", Side.BUY, OrderType.LIMIT, 1, "50.00")).reason())
                .isEqualTo(ErrorCode.TOO_MANY_OPEN_ORDERS);
        // An order that fills at once does not rest, so the limit does not stop it.
        assertThat(desk.place("ann", order("m1", Side.BUY, OrderType.MARKET, 1, null)).status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void theOrdersKeptAreTheOpenOnesAndTheLatestFinishedOnesUpToTheHistory() {
        TradingDesk desk = desk(database, journal, 2);
        desk.place("ann", order("rest", Side.BUY, OrderType.LIMIT, 10, "50.00"));
        for (int i = 1; i <= 4; i++) {
            desk.place("ann", order("m" + i, Side.BUY, OrderType.MARKET, 1, null));
        }

        assertThat(desk.orders("ann")).extracting(OrderEvent::clientOrderId).containsExactly("rest", "m3", "m4");
        assertThat(desk.portfolio("ann").availableCash()).as("the resting buy still reserves its cash")
                .isEqualByComparingTo(desk.portfolio("ann").cash().subtract(new BigDecimal("500.00")));
    }

    @Test
    void everyOrderMessageCountsAgainstTheRateEvenOneThatIsNotAnOrder() {
        OrderRejectedException unreadable = new OrderRejectedException("x", ErrorCode.UNKNOWN_FIELD, "Unknown field 'y'");
        for (int i = 0; i < 4; i++) {
            assertThat(desk.reject("ann", unreadable).reason()).isEqualTo(ErrorCode.UNKNOWN_FIELD);
        }
        // The burst is 5 messages.
        assertThat(desk.place("ann", order("b1", Side.BUY, OrderType.MARKET, 1, null)).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(desk.reject("ann", unreadable).reason()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(desk.place("ann", order("b2", Side.BUY, OrderType.MARKET, 1, null)).reason()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThatThrownBy(() -> desk.cancel("ann", null, "b1")).isInstanceOf(RejectedMessageException.class)
                .hasMessageContaining("order messages a second");
    }

    @Test
    void aDeskStartedAgainOnTheSameDatabaseHasEverythingItAcknowledged() {
        desk.place("ann", order("b1", Side.BUY, OrderType.MARKET, 10, null));
        OrderEvent resting = desk.place("ann", order("l1", Side.BUY, OrderType.LIMIT, 20, "90.00"));
        desk.place("ann", order("bad", Side.BUY, OrderType.LIMIT, 1, "90.001"));
        tick(1, "110.00");
        desk.place("ann", order("s1", Side.SELL, OrderType.MARKET, 4, null));
        journal.flush().join();

        TradingDesk restarted = desk();

        assertThat(restarted.orders("ann")).containsExactlyElementsOf(desk.orders("ann"));
        Portfolio before = desk.portfolio("ann");
        Portfolio after = restarted.portfolio("ann");
        assertThat(after.cash()).isEqualByComparingTo(before.cash());
        assertThat(after.availableCash()).isEqualByComparingTo(before.availableCash()).isEqualByComparingTo(
                before.cash().subtract(new BigDecimal("1800.00")));
        assertThat(after.positions()).singleElement().satisfies(position -> {
            assertThat(position.quantity()).isEqualTo(6);
            assertThat(position.averageCost()).isEqualByComparingTo("100.05");
            assertThat(position.realizedPnl()).isEqualByComparingTo("39.60");
        });
        assertThat(restarted.place("ann", order("l1", Side.BUY, OrderType.LIMIT, 99, "1.00"))).isEqualTo(resting);
        OrderEvent next = restarted.place("ann", order("b2", Side.BUY, OrderType.MARKET, 1, null));
        assertThat(Long.parseLong(next.orderId().substring(2))).isGreaterThan(100_000);
    }

    @Test
    void aResetStartsTheAccountAgainAndCancelsWhatRests() {
        desk.place("ann", order("b1", Side.BUY, OrderType.MARKET, 10, null));
        desk.place("ann", order("l1", Side.BUY, OrderType.LIMIT, 20, "90.00"));

        Portfolio reset = desk.reset("ann").join();

        assertThat(reset.cash()).isEqualByComparingTo("10000.00");
        assertThat(reset.availableCash()).isEqualByComparingTo("10000.00");
        assertThat(reset.positions()).isEmpty();
        assertThat(desk.orders("ann")).isEmpty();
        assertThat(events).filteredOn(OrderUpdated.class::isInstance).map(e -> ((OrderUpdated) e).order())
                .last().satisfies(canceled -> {
                    assertThat(canceled.clientOrderId()).isEqualTo("l1");
                    assertThat(canceled.status()).isEqualTo(OrderStatus.CANCELED);
                });
        assertThat(desk().portfolio("ann").cash()).isEqualByComparingTo("10000.00");
        assertThat(desk.history("ann", new OrderQuery(java.util.Set.of(), null, null, null, 10))).isEmpty();
    }

    @Test
    void whileTheDatabaseIsDownOrdersAreRefusedAndNothingUnstoredIsToldThenItRecovers() throws Exception {
        desk.place("ann", order("b1", Side.BUY, OrderType.MARKET, 10, null));
        journal.flush().join();
        takeDatabaseAway();

        OrderEvent lost = desk.place("ann", order("b2", Side.BUY, OrderType.MARKET, 5, null));
        // The commit of b2 fails (whatever else its batch holds), and that turns the journal unavailable.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !journal.available());
        assertThatThrownBy(() -> desk.place("ann", order("b3", Side.BUY, OrderType.MARKET, 1, null)))
                .isInstanceOf(RejectedMessageException.class).hasMessageContaining("database");
        assertThat(events).filteredOn(OrderUpdated.class::isInstance).map(e -> ((OrderUpdated) e).order().clientOrderId())
                .containsExactly("b1", "b1");

        bringDatabaseBack();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(journal::available);

        assertThat(desk.orders("ann")).extracting(OrderEvent::clientOrderId).containsExactly("b1");
        assertThat(desk.portfolio("ann").positions().get(0).quantity()).isEqualTo(10);
        OrderEvent retried = desk.place("ann", order("b2", Side.BUY, OrderType.MARKET, 5, null));
        assertThat(retried.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(retried.orderId()).isNotEqualTo(lost.orderId());
        journal.flush().join();
        assertThat(desk().portfolio("ann").positions().get(0).quantity()).isEqualTo(15);
    }

    @Test
    void theSchemaIsCreatedFromNothing() {
        try (TestDatabase empty = emptyDatabase().migrate()) {
            assertThat(empty.jdbc().queryForList("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"", String.class))
                    .containsExactly("1", "2", "3", "4");
            for (String table : List.of("accounts", "holdings", "orders", "sequences", "quotes", "candles")) {
                assertThat(empty.jdbc().queryForObject("SELECT COUNT(*) FROM " + table, Integer.class)).as(table).isZero();
            }
            // No core took over yet, and no market was named.
            assertThat(empty.jdbc().queryForMap("SELECT epoch, holder, market FROM core_leader"))
                    .containsEntry("epoch", 0L).containsEntry("holder", null).containsEntry("market", null);
        }
    }

    @Test
    void whatVersion1StoredIsThereAfterTheUpgrade() {
        try (TestDatabase old = emptyDatabase()) {
            Flyway.configure().dataSource(old.dataSource()).target("1").load().migrate();
            old.jdbc().update("INSERT INTO accounts (username, starting_cash, cash) VALUES ('ann', 10000, 8999.50)");
            old.jdbc().update("INSERT INTO holdings (username, symbol, quantity, average_cost, realized_pnl) VALUES ('ann', 'ACME', 10, 100.05, 0)");
            old.jdbc().update("INSERT INTO orders (order_no, username, client_order_id, symbol, side, order_type, quantity, limit_price, status, "
                    + "average_price, reason, message, created_at, updated_at) VALUES "
                    + "(41, 'ann', 'b1', 'ACME', 'BUY', 'MARKET', 10, NULL, 'FILLED', 100.05, NULL, NULL, 1, 1), "
                    + "(42, 'ann', 'l1', 'ACME', 'BUY', 'LIMIT', 10, 90.00, 'NEW', NULL, NULL, NULL, 2, 2)");
            old.jdbc().update("INSERT INTO sequences (name, reserved_up_to) VALUES ('order', 100)");

            old.migrate();

            TradingDesk upgraded = desk(old, old.journal());
            assertThat(upgraded.orders("ann")).extracting(OrderEvent::orderId, OrderEvent::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("O-41", OrderStatus.FILLED), org.assertj.core.groups.Tuple.tuple("O-42", OrderStatus.NEW));
            assertThat(upgraded.portfolio("ann").availableCash()).isEqualByComparingTo("8099.50");
            assertThat(upgraded.portfolio("ann").positions().get(0).quantity()).isEqualTo(10);
            assertThat(upgraded.place("ann", order("b2", Side.BUY, OrderType.MARKET, 1, null)).orderId()).isEqualTo("O-101");
            assertThat(old.jdbc().queryForObject("SELECT COUNT(*) FROM quotes", Integer.class)).isZero();
        }
    }

    private TradingDesk desk() {
        return desk(database, journal);
    }

    /** A desk that took over, as the active core's does. */
    private TradingDesk desk(TestDatabase on, Journal writer) {
        return desk(on, writer, 100);
    }

    private TradingDesk desk(TestDatabase on, Journal writer, int orderHistory) {
        TradingDesk desk = new TradingDesk(
                new AccountProperties(List.of(new AccountProperties.Account("ann", "{bcrypt}x", new BigDecimal("10000"))), List.of()),
                new MarketProperties(1L, Duration.ofMillis(250), 1, 60, 2, 10,
                        List.of(new Instrument("ACME", "Acme", new BigDecimal("100.00"), 0, 0.2, new BigDecimal("0.01")))),
                book, new TradingProperties(1000, 3, 10, 5, Duration.ofMillis(500), orderHistory),
                Clock.fixed(NOW, ZoneOffset.UTC), events::add, meters, new TradingStore(on.jdbc()), writer);
        desk.takeOver();
        return desk;
    }

    private void tick(long seq, String price) {
        QuoteBatch tick = new QuoteBatch(seq, NOW.plusSeconds(seq), List.of(quote("ACME", price, seq)));
        book.record(tick);
        desk.onTick(tick);
    }

    private static OrderRequest order(String id, Side side, OrderType type, long quantity, String limit) {
        return new OrderRequest(id, "ACME", side, type, quantity, limit != null ? new BigDecimal(limit) : null);
    }

    /** A quote with a spread of ten cents. */
    private static Quote quote(String symbol, String price, long tick) {
        BigDecimal last = new BigDecimal(price);
        BigDecimal half = new BigDecimal("0.05");
        return new Quote(symbol, symbol, last, last.subtract(half), last.add(half), last, last, last,
                new BigDecimal("100.00"), BigDecimal.ZERO, BigDecimal.ZERO, 0, tick, tick, NOW.plusSeconds(tick));
    }
}
