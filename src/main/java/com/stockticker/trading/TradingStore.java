package com.stockticker.trading;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.stockticker.errors.ErrorCode;
import com.stockticker.roles.CoreRole;
import com.stockticker.storage.Change;
import com.stockticker.storage.Table.Column;
import com.stockticker.storage.Table;

/**
 * How accounts, holdings and orders are kept in the database (see {@code db/migration/V1__trading.sql}): the
 * rows the desk journals after a change, and what it reads at start-up and after the database came back.
 */
@Component
@CoreRole
class TradingStore {

    private static final Table ACCOUNT_CASH = new Table("accounts", 1,
            List.of(new Column("username", Types.VARCHAR), new Column("cash", Types.NUMERIC)));
    private static final Table HOLDINGS = new Table("holdings", 2, List.of(new Column("username", Types.VARCHAR),
            new Column("symbol", Types.VARCHAR), new Column("quantity", Types.BIGINT), new Column("average_cost", Types.NUMERIC),
            new Column("realized_pnl", Types.NUMERIC)));
    private static final Table ORDERS = new Table("orders", 1, List.of(new Column("order_no", Types.BIGINT),
            new Column("username", Types.VARCHAR), new Column("client_order_id", Types.VARCHAR), new Column("symbol", Types.VARCHAR),
            new Column("side", Types.VARCHAR), new Column("order_type", Types.VARCHAR), new Column("quantity", Types.BIGINT),
            new Column("limit_price", Types.NUMERIC), new Column("status", Types.VARCHAR), new Column("average_price", Types.NUMERIC),
            new Column("reason", Types.VARCHAR), new Column("message", Types.VARCHAR), new Column("created_at", Types.BIGINT),
            new Column("updated_at", Types.BIGINT)));
    private static final String ORDER_COLUMNS = "order_no, client_order_id, symbol, side, order_type, quantity, limit_price, "
            + "status, average_price, reason, message, created_at, updated_at";

    private final JdbcTemplate jdbc;
    private final JdbcClient client;

    TradingStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.client = JdbcClient.create(jdbc);
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Creates a configured account that the database does not have yet, with its starting cash. */
    void create(String username, BigDecimal startingCash) {
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM accounts WHERE username = ?", Integer.class, username);
        if (known == 0) {
            jdbc.update("INSERT INTO accounts (username, starting_cash, cash) VALUES (?, ?, ?)", username, startingCash, startingCash);
        }
    }

    /** Puts the stored state of {@code account} in it: cash, holdings, resting orders and the recent finished ones. */
    void load(Account account, int historyLimit) {
        String username = account.username();
        BigDecimal cash = decimal(jdbc.queryForObject("SELECT cash FROM accounts WHERE username = ?", BigDecimal.class, username), 2);
        Map<String, Holding> holdings = new LinkedHashMap<>();
        jdbc.query("SELECT symbol, quantity, average_cost, realized_pnl FROM holdings WHERE username = ?", row -> {
            holdings.put(row.getString(1), new Holding(row.getLong(2), decimal(row.getBigDecimal(3), 0), decimal(row.getBigDecimal(4), 0)));
        }, username);
        List<Order> kept = new ArrayList<>(jdbc.query("SELECT " + ORDER_COLUMNS + " FROM orders WHERE username = ? AND status = ?",
                (row, n) -> order(row), username, OrderStatus.NEW.name()));
        kept.addAll(jdbc.query("SELECT " + ORDER_COLUMNS + " FROM orders WHERE username = ? AND status <> ? ORDER BY order_no DESC "
                + "FETCH FIRST " + historyLimit + " ROWS ONLY", (row, n) -> order(row), username, OrderStatus.NEW.name()));
        kept.sort(Comparator.comparingLong(Order::orderNo));
        account.restore(cash, holdings, kept);
    }

    /**
     * The rows that a change of {@code account} touched: its cash, the holdings of {@code symbols} and
     * {@code orders}.
     */
    List<Change> changes(Account account, Collection<String> symbols, List<Order> orders) {
        List<Change> changes = new ArrayList<>();
        changes.add(new Change.Update(ACCOUNT_CASH, account.username(), account.cash()));
        for (String symbol : symbols) {
            Holding holding = account.holding(symbol);
            Object[] row = { account.username(), symbol, holding.quantity(), holding.averageCost(), holding.realizedPnl() };
            changes.add(holding.markStored() ? new Change.Update(HOLDINGS, row) : new Change.Insert(HOLDINGS, row));
        }
        for (Order order : orders) {
            OrderRequest request = order.request();
            Object[] row = { order.orderNo(), account.username(), request.clientOrderId(), request.symbol(), request.side().name(),
                    request.type().name(), request.quantity(), request.limitPrice(), order.status().name(), order.averagePrice(),
                    order.reason() != null ? order.reason().name() : null, order.message(), order.createdAt().toEpochMilli(),
                    order.updatedAt().toEpochMilli() };
            changes.add(order.markStored() ? new Change.Update(ORDERS, row) : new Change.Insert(ORDERS, row));
        }
        return changes;
    }

    /** The rows of an account that starts again: no orders, no holdings, its starting cash. */
    List<Change> reset(Account account) {
        return List.of(new Change.Statement("DELETE FROM orders WHERE username = ?", account.username()),
                new Change.Statement("DELETE FROM holdings WHERE username = ?", account.username()),
                new Change.Update(ACCOUNT_CASH, account.username(), account.cash()));
    }

    /** A page of {@code username}'s history, newest first, as the database has it. */
    List<OrderEvent> history(String username, OrderQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + ORDER_COLUMNS + " FROM orders WHERE username = :username");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("username", username);
        if (!query.statuses().isEmpty()) {
            sql.append(" AND status IN (:statuses)");
            parameters.put("statuses", query.statuses().stream().map(Enum::name).toList());
        }
        if (query.from() != null) {
            sql.append(" AND created_at >= :from");
            parameters.put("from", query.from().toEpochMilli());
        }
        if (query.to() != null) {
            sql.append(" AND created_at < :to");
            parameters.put("to", query.to().toEpochMilli());
        }
        if (query.before() != null) {
            sql.append(" AND order_no < :before");
            parameters.put("before", Order.orderNo(query.before()));
        }
        sql.append(" ORDER BY order_no DESC FETCH FIRST ").append(query.limit()).append(" ROWS ONLY");
        return client.sql(sql.toString()).params(parameters).query((row, n) -> order(row).event()).list();
    }

    private static Order order(ResultSet row) throws SQLException {
        String reason = row.getString("reason");
        OrderRequest request = new OrderRequest(row.getString("client_order_id"), row.getString("symbol"), Side.valueOf(row.getString("side")),
                OrderType.valueOf(row.getString("order_type")), row.getLong("quantity"), decimal(row.getBigDecimal("limit_price"), 2));
        return new Order(row.getLong("order_no"), request, OrderStatus.valueOf(row.getString("status")),
                decimal(row.getBigDecimal("average_price"), 2), reason != null ? ErrorCode.valueOf(reason) : null,
                row.getString("message"), Instant.ofEpochMilli(row.getLong("created_at")), Instant.ofEpochMilli(row.getLong("updated_at")));
    }

    /** The stored decimal without the column's padding zeros, but with at least {@code minScale} places. */
    private static BigDecimal decimal(BigDecimal stored, int minScale) {
        if (stored == null) {
            return null;
        }
        BigDecimal stripped = stored.stripTrailingZeros();
        return stripped.scale() < minScale ? stripped.setScale(minScale) : stripped;
    }
}
