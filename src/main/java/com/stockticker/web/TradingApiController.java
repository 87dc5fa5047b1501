package com.stockticker.web;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.stockticker.errors.ErrorCode;
import com.stockticker.errors.RejectedMessageException;
import com.stockticker.trading.AccountProperties;
import com.stockticker.trading.OrderEvent;
import com.stockticker.trading.OrderQuery;
import com.stockticker.trading.OrderStatus;
import com.stockticker.trading.Portfolio;
import com.stockticker.trading.TradingService;

/**
 * The logged-in user's portfolio and orders over HTTP: the same shapes as the STOMP snapshots, and the whole
 * order history a page at a time.
 */
@RestController
@RequestMapping("/api")
@Tag(name = "Trading", description = "The logged-in user's account")
// Every operation here needs a user (SecurityConfig), by either means; ApiDocumentation adds their 401 and 403.
@SecurityRequirement(name = ApiDocumentation.BASIC_AUTH)
@SecurityRequirement(name = ApiDocumentation.SESSION)
@ApiResponse(responseCode = "200", description = "OK")
// Trading state lives in the database (or, on an edge, in the trading core), which may be away for a moment.
@ApiResponse(responseCode = "503", description = "Storage or trading core unavailable (`SERVICE_UNAVAILABLE`); may be retried")
class TradingApiController {

    /** The most orders one page of history holds. */
    static final int MAX_PAGE = 1000;

    private static final String LIMIT_RANGE = "limit must be between 1 and " + MAX_PAGE;

    private final TradingService trading;
    private final Set<String> usernames;

    TradingApiController(TradingService trading, AccountProperties accounts) {
        this.trading = trading;
        this.usernames = accounts.accounts().stream().map(AccountProperties.Account::username).collect(Collectors.toUnmodifiableSet());
    }

    @GetMapping("/portfolio")
    CompletableFuture<Portfolio> portfolio(Principal user) {
        return trading.portfolio(user.getName());
    }

    /**
     * A page of the user's orders, newest first: {@code limit} of them (default 100, at most 1000), only those
     * with one of the {@code status} values, placed in [{@code from}, {@code to}) and before the order
     * {@code before} (the last orderId of the previous page).
     */
    @GetMapping("/orders")
    @Operation(summary = "A page of the user's orders, newest first")
    @ApiResponse(responseCode = "400", description = "`limit` outside 1..1000 or `from` not before `to` (`INVALID_MESSAGE`), or a value of the wrong type")
    CompletableFuture<List<OrderEvent>> orders(Principal user, @RequestParam(required = false) Set<OrderStatus> status,
            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            @RequestParam(required = false) String before,
            @RequestParam(defaultValue = "100") @Min(value = 1, message = LIMIT_RANGE) @Max(value = MAX_PAGE, message = LIMIT_RANGE) int limit) {
        // Bean Validation compares two parameters only with a cross-parameter constraint on the method, an annotation
        // and a validator of our own written for this one rule; two lines say it plainly. Spring checks the
        // limit before this method runs, so a bad limit is still reported first, as before.
        if (from != null && to != null && !from.isBefore(to)) {
            throw new RejectedMessageException(ErrorCode.INVALID_MESSAGE, "from must be before to");
        }
        return trading.history(user.getName(), new OrderQuery(status != null ? status : Set.of(), from, to, before, limit));
    }

    /** Starts the user's account again from its starting cash: resting orders canceled, positions and history gone. */
    @PostMapping("/account/reset")
    @Operation(summary = "Start the user's account again from its starting cash")
    CompletableFuture<Portfolio> reset(Principal user) {
        return trading.reset(user.getName());
    }

    /** An operator (see {@code ticker.operators}) resets any user's account; the security configuration checks the role. */
    @PostMapping("/accounts/{username}/reset")
    @Operation(summary = "Reset any user's account (operators only)")
    @ApiResponse(responseCode = "404", description = "No such account")
    CompletableFuture<Portfolio> resetAccount(@PathVariable String username) {
        if (!usernames.contains(username)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No account '" + username + "'");
        }
        return trading.reset(username);
    }
}
