package com.stockticker.trading;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import com.stockticker.leadership.CoreDuty;
import com.stockticker.roles.CoreRole;
import com.stockticker.market.Instrument;
import com.stockticker.market.MarketProperties;
import com.stockticker.market.Quote;
import com.stockticker.market.QuoteBatch;
import com.stockticker.market.QuoteBook;
import com.stockticker.errors.ErrorCode;
import com.stockticker.errors.RejectedMessageException;
import com.stockticker.storage.Change;
import com.stockticker.storage.Entry;
import com.stockticker.storage.Journal;
import com.stockticker.storage.ReservedSequence;

/**
 * Paper trading: validates orders, fills them against the live quotes and keeps every user's cash,
 * positions and orders, in memory and in the database. Each account is changed under its own lock, so
 * orders, cancels and ticks that race for it are applied one at a time; what changed is appended to the
 * {@link Journal} under that lock, and what happened is published as {@link OrderUpdated} and
 * {@link PortfolioUpdated} events, in order, once the journal has committed it. Nobody waits for the
 * database: not the client's thread, not the market's.
 */
@Service
@CoreRole
class TradingDesk implements CoreDuty {

    /** Order numbers reserved at a time: at thousands of orders a second, one reservation every half minute. */
    private static final long ORDER_NUMBER_BLOCK = 100_000;

    private final Map<String, Account> accounts;
    private final Map<String, BigDecimal> startingCash;
    private final Map<String, Instrument> instruments;
    private final QuoteBook book;
    private final TradingProperties limits;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;
    private final TradingStore store;
    private final Journal journal;
    private volatile ReservedSequence orderNumbers;
    /** Whether this is the active core's desk, with every account as the database has it. */
    private volatile boolean active;

    TradingDesk(AccountProperties accountProperties, MarketProperties market, QuoteBook book, TradingProperties limits,
            Clock clock, ApplicationEventPublisher events, MeterRegistry meters, TradingStore store, Journal journal) {
        this.meters = meters;
        this.store = store;
        this.journal = journal;
        long now = clock.millis();
        this.startingCash = accountProperties.accounts().stream().collect(Collectors.toUnmodifiableMap(
                AccountProperties.Account::username, AccountProperties.Account::startingCash));
        this.accounts = accountProperties.accounts().stream().collect(Collectors.toUnmodifiableMap(
                AccountProperties.Account::username, account -> new Account(account.username(), account.startingCash(), limits, now)));
        this.instruments = market.instruments().stream().collect(Collectors.toUnmodifiableMap(Instrument::symbol, Function.identity()));
        this.book = book;
        this.limits = limits;
        this.clock = clock;
        this.events = events;
        journal.register(this::reload);
    }

    /**
     * This instance became the active core: every configured account is created in the database if it is new,
     * and then read from it, with order numbers above any handed out before. Until then orders are refused.
     */
    @Override
    public void takeOver() {
        accounts.values().forEach(account -> store.create(account.username(), startingCash.get(account.username())));
        reload();
        orderNumbers = ReservedSequence.open(store.jdbc(), journal, "order", ORDER_NUMBER_BLOCK);
        active = true;
    }

    /** Another core trades now: nothing more is taken here, and nothing fills. */
    @Override
    public void standDown() {
        active = false;
    }

    @Override
    public int getOrder() {
        return TRADING;
    }

    /**
     * Places an order. A {@code clientOrderId} seen before returns that order as it is now, so that a
     * retried message never trades twice.
     *
     * @throws RejectedMessageException with {@code SERVICE_UNAVAILABLE} while the database is down
     */
    public OrderEvent place(String username, OrderRequest request) {
        Account account = account(username);
        synchronized (account) {
            requireStorage();
            Outcome outcome = new Outcome(account);
            Order existing = account.byClientOrderId(request.clientOrderId());
            if (existing != null) {
                // A retry: the order as it is, sent again; nothing happened to it, so nothing is counted.
                return outcome.tell(existing.event()).commit();
            }
            Instant now = now();
            long orderNo = orderNumbers.next();
            if (orderNo < 0) {
                throw unavailable();
            }
            Order order = new Order(orderNo, request, now);
            if (!account.tryTakeOrderToken(clock.millis())) {
                // Not recorded, and told to the sender alone (see LocalTrading): a rate-limited order may be sent
                // again, with the same clientOrderId, and the user's other sessions need not hear of it.
                order.reject(ErrorCode.RATE_LIMITED, rateLimitMessage(), now);
                OrderEvent limited = order.event();
                count(limited);
                return limited;
            }
            // One quote for the checks and the fill: a tick in between must not make a checked buy unaffordable.
            Quote quote = instruments.containsKey(request.symbol()) ? book.quote(request.symbol()) : null;
            Rejection rejection = validate(account, request, quote);
            if (rejection != null) {
                order.reject(rejection.reason(), rejection.message(), now);
                account.record(order);
                return outcome.store(order).report(order).commit();
            }
            account.record(order);
            outcome.store(order).report(order);
            BigDecimal price = fillPrice(request, quote);
            if (price != null) {
                account.fill(order, price, now);
                outcome.holding(request.symbol()).portfolio(now).report(order);
            }
            else {
                outcome.portfolio(now);
            }
            outcome.commit();
            return order.event();
        }
    }

    /**
     * Completes once every event told so far has gone out: an answer meant for the sender alone waits for it, so
     * that it reaches the sender after the events of the orders before it.
     */
    public CompletableFuture<Void> told() {
        return journal.flush();
    }

    /**
     * Reports an order message that could not be read as an order. Nothing is kept, but the message counts
     * against the user's order rate like any other.
     */
    public OrderEvent reject(String username, OrderRejectedException rejection) {
        Account account = account(username);
        synchronized (account) {
            requireStorage();
            Instant now = now();
            boolean limited = !account.tryTakeOrderToken(clock.millis());
            OrderEvent event = new OrderEvent(null, rejection.getClientOrderId(), null, null, null, null, null,
                    OrderStatus.REJECTED, 0, null, limited ? ErrorCode.RATE_LIMITED : rejection.getReason(),
                    limited ? rateLimitMessage() : rejection.getMessage(), now, now);
            count(event);
            if (limited) {
                // Told to the sender alone, as a rate-limited order is.
                return event;
            }
            // Through the journal all the same, so that it reaches the user after the events before it.
            return new Outcome(account).tell(event).commit();
        }
    }

    /**
     * Cancels an open order named by {@code orderId} or {@code clientOrderId}.
     *
     * @throws RejectedMessageException if there is no such order, it is no longer open, or the user sends
     *     order messages too fast; {@code SERVICE_UNAVAILABLE} while the database is down
     */
    public OrderEvent cancel(String username, String orderId, String clientOrderId) {
        Account account = account(username);
        synchronized (account) {
            requireStorage();
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
            account.cancel(order, now);
            return new Outcome(account).store(order).portfolio(now).report(order).commit();
        }
    }

    /**
     * Starts {@code username}'s account again from its starting cash: resting orders are canceled (and reported
     * so), holdings and the order history are deleted. Order numbers are not reused.
     *
     * @return the portfolio after the reset, once it is stored
     */
    public CompletableFuture<Portfolio> reset(String username) {
        Account account = account(username);
        synchronized (account) {
            requireStorage();
            Instant now = now();
            List<Order> canceled = account.reset(startingCash.get(username), now);
            Outcome outcome = new Outcome(account);
            outcome.changes.addAll(store.reset(account));
            canceled.forEach(outcome::report);
            Portfolio portfolio = account.portfolio(book::quote, now);
            outcome.portfolio(now);
            return outcome.commitThen(portfolio);
        }
    }

    /** The user's recent orders (the last {@code ticker.trading.order-history} finished ones and the open ones). */
    public List<OrderEvent> orders(String username) {
        Account account = account(username);
        synchronized (account) {
            return account.orders().stream().map(Order::event).toList();
        }
    }

    /** {@link #orders(String)}, answered once every change that it shows is stored. */
    public CompletableFuture<List<OrderEvent>> storedOrders(String username) {
        Account account = account(username);
        synchronized (account) {
            requireStorage();
            return new Outcome(account).commitThen(account.orders().stream().map(Order::event).toList());
        }
    }

    public Portfolio portfolio(String username) {
        Account account = account(username);
        synchronized (account) {
            return account.portfolio(book::quote, now());
        }
    }

    /** {@link #portfolio(String)}, answered once every change that it shows is stored. */
    public CompletableFuture<Portfolio> storedPortfolio(String username) {
        Account account = account(username);
        synchronized (account) {
            requireStorage();
            return new Outcome(account).commitThen(account.portfolio(book::quote, now()));
        }
    }

    /** A page of the user's whole order history, from the database. */
    public List<OrderEvent> history(String username, OrderQuery query) {
        account(username);
        return store.history(username, query);
    }

    /**
     * Fills the resting orders that this tick's quotes cross, and revalues portfolios that hold what moved. On
     * the market's thread: it only appends to the journal. While the database is down nothing fills, as
     * nothing could be stored.
     */
    @EventListener
    void onTick(QuoteBatch tick) {
        if (!active || !journal.available()) {
            return;
        }
        Map<String, Quote> moved = tick.quotes().stream().collect(Collectors.toMap(Quote::symbol, Function.identity()));
        for (Account account : accounts.values()) {
            synchronized (account) {
                Outcome outcome = new Outcome(account);
                for (Order order : account.openOrders()) {
                    Quote quote = moved.get(order.request().symbol());
                    BigDecimal price = quote != null ? fillPrice(order.request(), quote) : null;
                    if (price != null) {
                        account.fill(order, price, tick.timestamp());
                        outcome.store(order).holding(order.request().symbol()).report(order);
                    }
                }
                boolean holdsWhatMoved = moved.keySet().stream().anyMatch(account::holds);
                if (!outcome.orders.isEmpty()
                        || (holdsWhatMoved && account.dueForValuation(tick.timestamp(), limits.portfolioInterval()))) {
                    outcome.portfolio(tick.timestamp());
                }
                outcome.commit();
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
            return new Rejection(ErrorCode.UNKNOWN_SYMBOL, "Unknown symbol '" + request.symbol() + "'");
        }
        if (request.quantity() <= 0) {
            return new Rejection(ErrorCode.INVALID_QUANTITY, "quantity must be a positive whole number");
        }
        if (request.quantity() > limits.maxQuantity()) {
            return new Rejection(ErrorCode.QUANTITY_TOO_LARGE, "quantity must be at most " + limits.maxQuantity());
        }
        if (request.type() == OrderType.MARKET && request.limitPrice() != null) {
            return new Rejection(ErrorCode.INVALID_LIMIT_PRICE, "A MARKET order has no limitPrice");
        }
        if (request.type() == OrderType.LIMIT) {
            if (request.limitPrice() == null) {
                return new Rejection(ErrorCode.MISSING_LIMIT_PRICE, "A LIMIT order needs a limitPrice");
            }
            if (request.limitPrice().signum() <= 0) {
                return new Rejection(ErrorCode.INVALID_LIMIT_PRICE, "limitPrice must be positive");
            }
            if (request.limitPrice().remainder(instrument.tickSize()).signum() != 0) {
                return new Rejection(ErrorCode.OFF_TICK_GRID, "limitPrice must be a multiple of the tick size "
                        + instrument.tickSize().toPlainString());
            }
        }
        boolean rests = fillPrice(request, quote) == null;
        if (rests && account.openOrderCount() >= limits.maxOpenOrders()) {
            return new Rejection(ErrorCode.TOO_MANY_OPEN_ORDERS, "At most " + limits.maxOpenOrders() + " open orders");
        }
        if (request.side() == Side.BUY) {
            BigDecimal price = request.type() == OrderType.MARKET ? quote.ask() : request.limitPrice();
            BigDecimal cost = price.multiply(BigDecimal.valueOf(request.quantity()));
            if (cost.compareTo(account.availableCash()) > 0) {
                return new Rejection(ErrorCode.INSUFFICIENT_CASH, "The order costs up to " + cost.toPlainString()
                        + " and " + account.availableCash().toPlainString() + " is available");
            }
        }
        else if (request.quantity() > account.availableQuantity(request.symbol())) {
            return new Rejection(ErrorCode.INSUFFICIENT_POSITION, "Selling " + request.quantity() + " "
                    + request.symbol() + " but " + account.availableQuantity(request.symbol()) + " are available; no short selling");
        }
        return null;
    }

    private void count(OrderEvent event) {
        meters.counter("ticker.orders", "status", event.status().name(),
                "reason", event.reason() != null ? event.reason().name() : "none").increment();
    }

    private void requireStorage() {
        if (!active || !journal.available()) {
            throw unavailable();
        }
    }

    private static RejectedMessageException unavailable() {
        return new RejectedMessageException(ErrorCode.SERVICE_UNAVAILABLE,
                "Orders cannot be taken right now (the database is unavailable, or another core is taking over); send it again later");
    }

    /**
     * After the database failed and came back: every account as the database has it, and whatever the journal
     * still held for it dropped, unstored and untold, under the account's lock so that nothing changes it meanwhile.
     */
    private void reload() {
        for (Account account : accounts.values()) {
            synchronized (account) {
                journal.withdraw(account.username());
                store.load(account, limits.orderHistory());
            }
        }
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

    private record Rejection(ErrorCode reason, String message) {
    }

    /**
     * What one operation did to an account: the rows to store and the events to publish once they are stored.
     * Built and committed under the account's lock, so the journal holds each account's changes in order.
     */
    private final class Outcome {

        private final Account account;
        private final List<Order> orders = new ArrayList<>();
        private final Set<String> symbols = new TreeSet<>();
        private final List<Change> changes = new ArrayList<>();
        private final List<Object> told = new ArrayList<>();

        Outcome(Account account) {
            this.account = account;
        }

        Outcome store(Order order) {
            if (!orders.contains(order)) {
                orders.add(order);
            }
            return this;
        }

        Outcome holding(String symbol) {
            symbols.add(symbol);
            return this;
        }

        /** Counts what just happened to an order, and tells its owner once it is stored. */
        Outcome report(Order order) {
            OrderEvent event = order.event();
            count(event);
            return tell(event);
        }

        Outcome tell(OrderEvent event) {
            told.add(new OrderUpdated(account.username(), event));
            return this;
        }

        Outcome portfolio(Instant now) {
            account.markValued(now);
            told.add(new PortfolioUpdated(account.username(), account.portfolio(book::quote, now)));
            return this;
        }

        /** @return the last order event told, for the callers that return it */
        OrderEvent commit() {
            if (!orders.isEmpty() || !symbols.isEmpty() || !changes.isEmpty() || !told.isEmpty()) {
                append(() -> { }, () -> { });
            }
            return told.stream().filter(OrderUpdated.class::isInstance).map(update -> ((OrderUpdated) update).order())
                    .reduce((first, last) -> last).orElse(null);
        }

        <T> CompletableFuture<T> commitThen(T answer) {
            CompletableFuture<T> answered = new CompletableFuture<>();
            append(() -> answered.complete(answer), () -> answered.completeExceptionally(unavailable()));
            return answered;
        }

        private void append(Runnable afterwards, Runnable failed) {
            if (!orders.isEmpty() || !symbols.isEmpty()) {
                changes.addAll(store.changes(account, symbols, orders));
            }
            List<Object> toTell = List.copyOf(told);
            journal.append(new Entry(account.username(), changes, () -> {
                toTell.forEach(events::publishEvent);
                afterwards.run();
            }, failed));
        }
    }
}
