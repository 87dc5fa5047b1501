package com.stockticker.trading;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import com.stockticker.roles.CoreRole;
import com.stockticker.market.Instrument;
import com.stockticker.market.MarketProperties;
import com.stockticker.market.Quote;
import com.stockticker.market.QuoteBatch;
import com.stockticker.market.QuoteBook;
import com.stockticker.messaging.ErrorCode;
import com.stockticker.messaging.RejectedMessageException;
import com.stockticker.security.AccountProperties;

/**
 * Paper trading: validates orders, fills them against the live quotes and keeps every user's cash,
 * positions and orders, in memory. Each account is changed under its own lock, so orders, cancels and
 * ticks that race for it are applied one at a time; what happened is published as {@link OrderUpdated}
 * and {@link PortfolioUpdated} events, in order, while that lock is held.
 */
@Service
@CoreRole
public class TradingDesk {

    private final Map<String, Account> accounts;
    private final Map<String, Instrument> instruments;
    private final QuoteBook book;
    private final TradingProperties limits;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final AtomicLong orderIds = new AtomicLong();
    private final MeterRegistry meters;

    TradingDesk(AccountProperties accountProperties, MarketProperties market, QuoteBook book, TradingProperties limits,
            Clock clock, ApplicationEventPublisher events, MeterRegistry meters) {
        this.meters = meters;
        long now = clock.millis();
        this.accounts = accountProperties.accounts().stream().collect(Collectors.toUnmodifiableMap(
                AccountProperties.Account::username, account -> new Account(account.username(), account.startingCash(), limits, now)));
        this.instruments = market.instruments().stream().collect(Collectors.toUnmodifiableMap(Instrument::symbol, Function.identity()));
        this.book = book;
        this.limits = limits;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Places an order. A {@code clientOrderId} seen before returns that order as it is now, so that a
     * retried message never trades twice.
     */
    public OrderEvent place(String username, OrderRequest request) {
        Account account = account(username);
        synchronized (account) {
            Order existing = account.byClientOrderId(request.clientOrderId());
            if (existing != null) {
                // A retry: the order as it is, sent again; nothing happened to it, so nothing is counted.
                OrderEvent event = existing.event();
                events.publishEvent(new OrderUpdated(username, event));
                return event;
            }
            Instant now = now();
            Order order = new Order("O-" + orderIds.incrementAndGet(), request, now);
            if (!account.tryTakeOrderToken(clock.millis())) {
                // Not recorded: a rate-limited order may be sent again, with the same clientOrderId.
                order.reject(RejectReason.RATE_LIMITED, rateLimitMessage(), now);
                return publish(account, order);
            }
            // One quote for the checks and the fill: a tick in between must not make a checked buy unaffordable.
            Quote quote = instruments.containsKey(request.symbol()) ? book.quote(request.symbol()) : null;
            Rejection rejection = validate(account, request, quote);
            if (rejection != null) {
                order.reject(rejection.reason(), rejection.message(), now);
                account.record(order);
                return publish(account, order);
            }
            account.record(order);
            publish(account, order);
            BigDecimal price = fillPrice(request, quote);
            if (price != null) {
                account.fill(order, price, now);
                publishPortfolio(account, now);
                return publish(account, order);
            }
            publishPortfolio(account, now);
            return order.event();
        }
    }

    /**
     * Reports an order message that could not be read as an order. Nothing is kept, but the message counts
     * against the user's order rate like any other.
     */
    public OrderEvent reject(String username, OrderRejectedException rejection) {
        Account account = account(username);
        synchronized (account) {
            Instant now = now();
            boolean limited = !account.tryTakeOrderToken(clock.millis());
            OrderEvent event = new OrderEvent(null, rejection.getClientOrderId(), null, null, null, null, null,
                    OrderStatus.REJECTED, 0, null, limited ? RejectReason.RATE_LIMITED : rejection.getReason(),
                    limited ? rateLimitMessage() : rejection.getMessage(), now, now);
            count(event);
            events.publishEvent(new OrderUpdated(username, event));
            return event;
        }
    }

    /**
     * Cancels an open order named by {@code orderId} or {@code clientOrderId}.
     *
     * @throws RejectedMessageException if there is no such order, it is no longer open, or the user sends
     *     order messages too fast
     */
    public OrderEvent cancel(String username, String orderId, String clientOrderId) {
        Account account = account(username);
        synchronized (account) {
            if (!account.tryTakeOrderToken(clock.millis())) {
                throw new RejectedMessageException(ErrorCode.RATE_LIMITED, rateLimitMessage());
            }
            Order order = orderId != null ? account.byOrderId(orderId) : account.byClientOrderId(clientOrderId);
            if (order == null) {
                throw new RejectedMessageException(ErrorCode.ORDER_NOT_FOUND, "No order "
                        + (orderId != null ? "with orderId '" + orderId : "with clientOrderId '" + clientOrderId) + "'");
            }
            if (!order.status().isOpen()) {
                throw new RejectedMessageException(ErrorCode.ORDER_NOT_OPEN,
                        "Order " + order.orderId() + " is " + order.status() + " and can no longer be canceled");
            }
            Instant now = now();
            order.cancel(now);
            publishPortfolio(account, now);
            return publish(account, order);
        }
    }

    public List<OrderEvent> orders(String username) {
        Account account = account(username);
        synchronized (account) {
            return account.orders().stream().map(Order::event).toList();
        }
    }

    public Portfolio portfolio(String username) {
        Account account = account(username);
        synchronized (account) {
            return account.portfolio(book::quote, now());
        }
    }

    /** Fills the resting orders that this tick's quotes cross, and revalues portfolios that hold what moved. */
    @EventListener
    void onTick(QuoteBatch tick) {
        Map<String, Quote> moved = tick.quotes().stream().collect(Collectors.toMap(Quote::symbol, Function.identity()));
        for (Account account : accounts.values()) {
            synchronized (account) {
                boolean filled = false;
                for (Order order : account.openOrders()) {
                    Quote quote = moved.get(order.request().symbol());
                    BigDecimal price = quote != null ? fillPrice(order.request(), quote) : null;
                    if (price != null) {
                        account.fill(order, price, tick.timestamp());
                        publish(account, order);
                        filled = true;
                    }
                }
                boolean holdsWhatMoved = moved.keySet().stream().anyMatch(account::holds);
                if (filled || (holdsWhatMoved && account.dueForValuation(tick.timestamp(), limits.portfolioInterval()))) {
                    publishPortfolio(account, tick.timestamp());
                }
            }
        }
    }

    /**
     * The price an order fills at against {@code quote}, or {@code null} if it does not fill: a buy pays the
     * ask, a sell gets the bid, and a limit order fills only at its limit or better.
     */
    private static BigDecimal fillPrice(OrderRequest request, Quote quote) {
        BigDecimal price = request.side() == Side.BUY ? quote.ask() : quote.bid();
        if (request.type() == OrderType.MARKET) {
            return price;
        }
        int comparison = price.compareTo(request.limitPrice());
        boolean crosses = request.side() == Side.BUY ? comparison <= 0 : comparison >= 0;
        return crosses ? price : null;
    }

    private Rejection validate(Account account, OrderRequest request, Quote quote) {
        Instrument instrument = instruments.get(request.symbol());
        if (instrument == null) {
            return new Rejection(RejectReason.UNKNOWN_SYMBOL, "Unknown symbol '" + request.symbol() + "'");
        }
        if (request.quantity() <= 0) {
            return new Rejection(RejectReason.INVALID_QUANTITY, "quantity must be a positive whole number");
        }
        if (request.quantity() > limits.maxQuantity()) {
            return new Rejection(RejectReason.QUANTITY_TOO_LARGE, "quantity must be at most " + limits.maxQuantity());
        }
        if (request.type() == OrderType.MARKET && request.limitPrice() != null) {
            return new Rejection(RejectReason.INVALID_LIMIT_PRICE, "A MARKET order has no limitPrice");
        }
        if (request.type() == OrderType.LIMIT) {
            if (request.limitPrice() == null) {
                return new Rejection(RejectReason.MISSING_LIMIT_PRICE, "A LIMIT order needs a limitPrice");
            }
            if (request.limitPrice().signum() <= 0) {
                return new Rejection(RejectReason.INVALID_LIMIT_PRICE, "limitPrice must be positive");
            }
            if (request.limitPrice().remainder(instrument.tickSize()).signum() != 0) {
                return new Rejection(RejectReason.OFF_TICK_GRID, "limitPrice must be a multiple of the tick size "
                        + instrument.tickSize().toPlainString());
            }
        }
        boolean rests = fillPrice(request, quote) == null;
        if (rests && account.openOrders().size() >= limits.maxOpenOrders()) {
            return new Rejection(RejectReason.TOO_MANY_OPEN_ORDERS, "At most " + limits.maxOpenOrders() + " open orders");
        }
        if (request.side() == Side.BUY) {
            BigDecimal price = request.type() == OrderType.MARKET ? quote.ask() : request.limitPrice();
            BigDecimal cost = price.multiply(BigDecimal.valueOf(request.quantity()));
            if (cost.compareTo(account.availableCash()) > 0) {
                return new Rejection(RejectReason.INSUFFICIENT_CASH, "The order costs up to " + cost.toPlainString()
                        + " and " + account.availableCash().toPlainString() + " is available");
            }
        }
        else if (request.quantity() > account.availableQuantity(request.symbol())) {
            return new Rejection(RejectReason.INSUFFICIENT_POSITION, "Selling " + request.quantity() + " "
                    + request.symbol() + " but " + account.availableQuantity(request.symbol()) + " are available; no short selling");
        }
        return null;
    }

    /** Publishes what just happened to an order, and counts it. */
    private OrderEvent publish(Account account, Order order) {
        OrderEvent event = order.event();
        count(event);
        events.publishEvent(new OrderUpdated(account.username(), event));
        return event;
    }

    private void count(OrderEvent event) {
        meters.counter("ticker.orders", "status", event.status().name(),
                "reason", event.reason() != null ? event.reason().name() : "none").increment();
    }

    private void publishPortfolio(Account account, Instant now) {
        account.markValued(now);
        events.publishEvent(new PortfolioUpdated(account.username(), account.portfolio(book::quote, now)));
    }

    private String rateLimitMessage() {
        return "More than " + limits.ordersPerSecond() + " order messages a second; send it again later";
    }

    /** Milliseconds, as the market's timestamps. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private Account account(String username) {
        Account account = accounts.get(username);
        if (account == null) {
            throw new IllegalStateException("No trading account for '" + username + "'");
        }
        return account;
    }

    private record Rejection(RejectReason reason, String message) {
    }
}
