package com.stockticker.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.stockticker.errors.ErrorCode;
import com.stockticker.errors.RejectedMessageException;
import com.stockticker.trading.OrderQuery;
import com.stockticker.trading.OrderStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The logged-in user's account over HTTP: who may call what (the application's security configuration), how the
 * order history's parameters are read, and the problem for each one it cannot read (docs/protocol.md, "Order
 * history" and "Trading destinations").
 */
@RestApiTest
class TradingApiControllerTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    StubTrading trading;

    @BeforeEach
    void clear() {
        trading.clear();
    }

    @Test
    void everyOperationNeedsALogin() {
        assertThat(mvc.get().uri("/api/portfolio")).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(mvc.get().uri("/api/orders")).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(mvc.post().uri("/api/account/reset").header(HttpHeaders.AUTHORIZATION, basic("alice", "wrong")))
                .hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(mvc.get().uri("/api/portfolio").header(HttpHeaders.AUTHORIZATION, basic("nobody", "alice-demo")))
                .hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(trading.calls).isEmpty();
    }

    @Test
    void theUsersOwnPortfolioAndReset() {
        assertThat(as("alice", mvc.get().uri("/api/portfolio"))).hasStatusOk().hasContentType(MediaType.APPLICATION_JSON)
                .bodyJson().isStrictlyEqualTo("""
                        { "username": "alice", "cash": 100000.00, "availableCash": 100000.00, "marketValue": 0.00,
                          "equity": 100000.00, "unrealizedPnl": 0.00, "realizedPnl": 0.00, "positions": [],
                          "timestamp": "2026-01-05T15:00:00Z" }""");
        assertThat(as("bob", mvc.post().uri("/api/account/reset"), "bob-demo")).hasStatusOk().bodyJson()
                .extractingPath("$.username").isEqualTo("bob");

        assertThat(trading.calls).containsExactly("portfolio alice", "reset bob");
    }

    @Test
    void theHistoryReadsItsParametersIntoOneQuery() {
        assertThat(as("alice", mvc.get().uri("/api/orders"))).hasStatusOk().bodyJson().satisfies(json -> {
            assertThat(json).extractingPath("$[0].orderId").isEqualTo("O-7");
            assertThat(json).extractingPath("$[0].status").isEqualTo("FILLED");
        });
        assertThat(as("alice", mvc.get().uri("/api/orders?status=FILLED&status=CANCELED&from=2026-01-05T00:00:00Z"
                + "&to=2026-01-06T00:00:00Z&before=O-17&limit=1000"))).hasStatusOk();
        assertThat(as("alice", mvc.get().uri("/api/orders?limit=1"))).hasStatusOk();

        assertThat(trading.calls).containsOnly("history alice");
        assertThat(trading.queries).containsExactly(
                new OrderQuery(Set.of(), null, null, null, 100),
                new OrderQuery(Set.of(OrderStatus.FILLED, OrderStatus.CANCELED), Instant.parse("2026-01-05T00:00:00Z"),
                        Instant.parse("2026-01-06T00:00:00Z"), "O-17", 1000),
                new OrderQuery(Set.of(), null, null, null, 1));
    }

    @Test
    void aHistoryParameterThatCannotBeReadIsABadRequest() {
        for (String bad : List.of("limit=0", "limit=1001")) {
            assertThat(badRequest(bad)).bodyJson().isStrictlyEqualTo("""
                    { "title": "Bad Request", "status": 400, "detail": "limit must be between 1 and 1000",
                      "instance": "/api/orders", "code": "INVALID_MESSAGE" }""");
        }
        for (String bad : List.of("from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "from=2026-01-02T00:00:00Z&to=2026-01-02T00:00:00Z")) {
            assertThat(badRequest(bad)).bodyJson().extractingPath("$.detail").isEqualTo("from must be before to");
        }
        // Spring's own problems: a value of the wrong type, without a code of ours.
        for (String bad : List.of("status=LOST", "from=yesterday", "limit=many")) {
            assertThat(badRequest(bad)).bodyJson().satisfies(json -> {
                assertThat(json).extractingPath("$.title").isEqualTo("Bad Request");
                assertThat(json).doesNotHavePath("$.code");
            });
        }
        assertThat(trading.calls).isEmpty();
    }

    @Test
    void theServicesRefusalsAreProblemsWithTheirCodes() {
        trading.failWith(new RejectedMessageException(ErrorCode.INVALID_MESSAGE, "'17' is not an orderId such as O-17"));
        assertThat(badRequest("before=17")).bodyJson().isStrictlyEqualTo("""
                { "title": "Bad Request", "status": 400, "detail": "'17' is not an orderId such as O-17",
                  "instance": "/api/orders", "code": "INVALID_MESSAGE" }""");

        trading.failWith(new RejectedMessageException(ErrorCode.SERVICE_UNAVAILABLE, "Orders cannot be taken right now"));
        for (MvcTestResult unavailable : List.of(as("alice", mvc.get().uri("/api/portfolio")), as("alice", mvc.get().uri("/api/orders")),
                as("alice", mvc.post().uri("/api/account/reset")))) {
            assertThat(unavailable).hasStatus(HttpStatus.SERVICE_UNAVAILABLE).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .bodyJson().satisfies(json -> {
                        assertThat(json).extractingPath("$.code").isEqualTo("SERVICE_UNAVAILABLE");
                        assertThat(json).extractingPath("$.title").isEqualTo("Service Unavailable");
                        assertThat(json).extractingPath("$.detail").isEqualTo("Orders cannot be taken right now");
                    });
        }
    }

    @Test
    void onlyAnOperatorResetsAnotherAccountAndOnlyOneThatExists() {
        assertThat(as("alice", mvc.post().uri("/api/accounts/bob/reset"))).hasStatus(HttpStatus.FORBIDDEN);
        // Without credentials a POST is refused before anything else: it has no CSRF token either (only the page has one).
        assertThat(mvc.post().uri("/api/accounts/bob/reset")).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(as("operator", mvc.post().uri("/api/accounts/nobody/reset"))).hasStatus(HttpStatus.NOT_FOUND)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON).bodyJson().satisfies(json -> {
                    assertThat(json).extractingPath("$.title").isEqualTo("Not Found");
                    assertThat(json).extractingPath("$.detail").isEqualTo("No account 'nobody'");
                });
        assertThat(trading.calls).isEmpty();

        assertThat(as("operator", mvc.post().uri("/api/accounts/bob/reset"))).hasStatusOk().bodyJson()
                .extractingPath("$.username").isEqualTo("bob");
        assertThat(trading.calls).containsExactly("reset bob");
    }

    private MvcTestResult badRequest(String query) {
        MvcTestResult result = as("alice", mvc.get().uri("/api/orders?" + query));
        assertThat(result).as(query).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return result;
    }

    /** The demo password of application-test.yml's users. */
    private static MvcTestResult as(String username, MockMvcTester.MockMvcRequestBuilder request) {
        return as(username, request, "alice-demo");
    }

    private static MvcTestResult as(String username, MockMvcTester.MockMvcRequestBuilder request, String password) {
        return request.header(HttpHeaders.AUTHORIZATION, basic(username, password)).exchange();
    }

    private static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
