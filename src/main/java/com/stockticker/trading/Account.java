package com.stockticker.trading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import com.stockticker.market.Quote;

/**
 * One user's cash, holdings and orders. Not thread-safe: {@link TradingDesk} changes an account only while
 * holding its lock, so that orders, cancels and ticks that race for it are applied one at a time.
 */
final class Account {

    private final String username;
    private final int historyLimit;
    private final TokenBucket orderRate;
    private final Map<String, Holding> holdings = new TreeMap<>();
    /** Every order kept, oldest first: the open ones and the latest finished ones. */
    private final LinkedHashMap<String, Order> orders = new LinkedHashMap<>();
    /**
     * The open orders alone, oldest first: what the checks of every order and the fills of every tick look at,
     * a few dozen at most, never the whole history.
     */
    private final LinkedHashMap<String, Order> open = new LinkedHashMap<>();
    private final Map<String, Order> byClientOrderId = new HashMap<>();
    private int finished;
    private BigDecimal cash;
    private Instant valuedAt = Instant.MIN;

    Account(String username, BigDecimal startingCash, TradingProperties limits, long nowMillis) {
        this.username = username;
        this.cash = startingCash.setScale(2, RoundingMode.UNNECESSARY);
        this.historyLimit = limits.orderHistory();
        this.orderRate = new TokenBucket(limits.orderBurst(), limits.ordersPerSecond(), nowMillis);
    }

    String username() {
        return username;
    }

    BigDecimal cash() {
        return cash;
    }

    Holding holding(String symbol) {
        return holdings.get(symbol);
    }

    /** Replaces everything in memory with what the database holds; {@code kept} oldest first. */
    void restore(BigDecimal storedCash, Map<String, Holding> storedHoldings, List<Order> kept) {
        cash = storedCash;
        holdings.clear();
        holdings.putAll(storedHoldings);
        forgetOrders();
        kept.forEach(this::record);
    }

    /**
     * Starts the account again from {@code startingCash}: resting orders are canceled, holdings and the order
     * history forgotten.
     *
     * @return the orders that were resting, now canceled
     */
    List<Order> reset(BigDecimal startingCash, Instant at) {
        List<Order> canceled = openOrders();
        canceled.forEach(order -> order.cancel(at));
        cash = startingCash.setScale(2, RoundingMode.UNNECESSARY);
        holdings.clear();
        forgetOrders();
        return canceled;
    }

    boolean tryTakeOrderToken(long nowMillis) {
        return orderRate.tryTake(nowMillis);
    }

    Order byClientOrderId(String clientOrderId) {
        return byClientOrderId.get(clientOrderId);
    }

    Order byOrderId(String orderId) {
        return orders.get(orderId);
    }

    List<Order> orders() {
        return List.copyOf(orders.values());
    }

    List<Order> openOrders() {
        return List.copyOf(open.values());
    }

    int openOrderCount() {
        return open.size();
    }

    /** Cash not promised to resting buy orders. */
    BigDecimal availableCash() {
        BigDecimal available = cash;
        for (Order order : open.values()) {
            available = available.subtract(order.reservedCash());
        }
        return available;
    }

    /** Shares of {@code symbol} held and not promised to resting sell orders. */
    long availableQuantity(String symbol) {
        Holding holding = holdings.get(symbol);
        long held = holding != null ? holding.quantity() : 0;
        long reserved = 0;
        for (Order order : open.values()) {
            reserved += order.reservedQuantity(symbol);
        }
        return held - reserved;
    }

    boolean holds(String symbol) {
        Holding holding = holdings.get(symbol);
        return holding != null && holding.quantity() > 0;
    }

    /** Keeps a new order (or one read from the database), and forgets the oldest finished ones beyond the history. */
    void record(Order order) {
        orders.put(order.orderId(), order);
        byClientOrderId.put(order.request().clientOrderId(), order);
        if (order.status().isOpen()) {
            open.put(order.orderId(), order);
        }
        else {
            finishedOne();
        }
    }

    /** Cancels an open order. */
    void cancel(Order order, Instant at) {
        order.cancel(at);
        open.remove(order.orderId());
        finishedOne();
    }

    /**
     * One more finished order: the oldest finished ones beyond the configured history are forgotten. Only the
     * open orders, few, are ever stepped over to find them.
     */
    private void finishedOne() {
        finished++;
        Iterator<Order> oldest = orders.values().iterator();
        while (finished > historyLimit && oldest.hasNext()) {
            Order kept = oldest.next();
            if (!kept.status().isOpen()) {
                oldest.remove();
                byClientOrderId.remove(kept.request().clientOrderId());
                finished--;
            }
        }
    }

    private void forgetOrders() {
        orders.clear();
        open.clear();
        byClientOrderId.clear();
        finished = 0;
    }

    /** Fills a whole order at {@code price}; the caller has checked that the cash or shares are there. */
    void fill(Order order, BigDecimal price, Instant at) {
        OrderRequest request = order.request();
        BigDecimal amount = price.multiply(BigDecimal.valueOf(request.quantity()));
        Holding holding = holdings.computeIfAbsent(request.symbol(), symbol -> new Holding());
        if (request.side() == Side.BUY) {
            cash = cash.subtract(amount);
            holding.buy(request.quantity(), price);
        }
        else {
            cash = cash.add(amount);
            holding.sell(request.quantity(), price);
        }
        order.fill(price, at);
        open.remove(order.orderId());
        finishedOne();
    }

    /** Whether prices moved for this account long enough after it was last valued to value it again. */
    boolean dueForValuation(Instant now, Duration interval) {
        return !now.isBefore(valuedAt.plus(interval));
    }

    void markValued(Instant now) {
        valuedAt = now;
    }

    Portfolio portfolio(Function<String, Quote> prices, Instant now) {
        List<Position> positions = new ArrayList<>();
        BigDecimal marketValue = BigDecimal.ZERO;
        BigDecimal unrealized = BigDecimal.ZERO;
        BigDecimal realized = BigDecimal.ZERO;
        for (Map.Entry<String, Holding> entry : holdings.entrySet()) {
            Holding holding = entry.getValue();
            BigDecimal price = prices.apply(entry.getKey()).price();
            BigDecimal quantity = BigDecimal.valueOf(holding.quantity());
            BigDecimal value = price.multiply(quantity);
            BigDecimal gain = price.subtract(holding.averageCost()).multiply(quantity).setScale(2, RoundingMode.HALF_EVEN);
            positions.add(new Position(entry.getKey(), holding.quantity(), holding.averageCost(), price, value, gain,
                    holding.realizedPnl().setScale(2, RoundingMode.HALF_EVEN)));
            marketValue = marketValue.add(value);
            unrealized = unrealized.add(gain);
            realized = realized.add(holding.realizedPnl());
        }
        return new Portfolio(username, cash, availableCash(), marketValue, cash.add(marketValue), unrealized,
                realized.setScale(2, RoundingMode.HALF_EVEN), positions, now);
    }
}
