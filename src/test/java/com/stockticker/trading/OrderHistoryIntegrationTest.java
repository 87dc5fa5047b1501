package com.stockticker.trading;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import com.stockticker.support.LiveServerTest;

import static com.stockticker.trading.TradingIntegrationTest.Trader;
import static com.stockticker.trading.TradingIntegrationTest.order;
import static org.assertj.core.api.Assertions.assertThat;

/** The stored order history over REST, and resetting an account: by its user, and by an operator. */
@LiveServerTest
class OrderHistoryIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void theHistoryPagesNewestFirstAndFilters() throws Exception {
        try (Trader trader = Trader.connect(port, "history")) {
            for (int i = 1; i <= 4; i++) {
                trader.place(order("KO", "BUY", "MARKET", "1", null).replace("CLIENT_ID", "h-" + i));
                trader.event("h-" + i, "FILLED");
            }
            trader.place(order("NOPE", "BUY", "MARKET", "1", null).replace("CLIENT_ID", "h-5"));
            trader.event("h-5", "REJECTED");
        }
        List<String> firstPage = clientOrderIds(get("/api/orders?limit=2", "history"));
        assertThat(firstPage).containsExactly("h-5", "h-4");
        String lastOrderId = JSON.readTree(get("/api/orders?limit=2", "history").body()).get(1).get("orderId").asString();
        assertThat(clientOrderIds(get("/api/orders?limit=2&before=" + lastOrderId, "history"))).containsExactly("h-3", "h-2");
        assertThat(clientOrderIds(get("/api/orders?status=REJECTED", "history"))).containsExactly("h-5");
        assertThat(clientOrderIds(get("/api/orders?status=FILLED&status=CANCELED", "history"))).containsExactly("h-4", "h-3", "h-2", "h-1");
        assertThat(clientOrderIds(get("/api/orders?from=2999-01-01T00:00:00Z", "history"))).isEmpty();
        assertThat(clientOrderIds(get("/api/orders?to=2999-01-01T00:00:00Z&limit=1", "history"))).containsExactly("h-5");

        // The REST API's own checks are TradingApiControllerTest's; this one is the stored history's.
        HttpResponse<String> refused = get("/api/orders?before=17", "history");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).get("detail").asString()).isEqualTo("'17' is not an orderId such as O-17");
    }

    @Test
    void anOperatorResetsAnyAccountAndNobodyElseCan() throws Exception {
        try (Trader trader = Trader.connect(port, "managed")) {
            trader.place(order("KO", "BUY", "MARKET", "3", null).replace("CLIENT_ID", "o-1"));
            trader.event("o-1", "FILLED");
        }
        HttpResponse<String> reset = post("/api/accounts/managed/reset", "operator");

        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(reset.body()).get("positions")).isEmpty();
        assertThat(JSON.readTree(get("/api/portfolio", "managed").body()).get("cash").decimalValue()).isEqualByComparingTo("100000");
    }

    private static List<String> clientOrderIds(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).valueStream().map(order -> order.get("clientOrderId").asString()).toList();
    }

    private HttpResponse<String> get(String path, String username) throws Exception {
        return HTTP.send(request(path, username).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String username) throws Exception {
        return HTTP.send(request(path, username).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String username) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((username + ":alice-demo").getBytes()));
    }
}
