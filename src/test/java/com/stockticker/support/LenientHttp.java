package com.stockticker.support;

import org.springframework.web.client.RestClient;

/** An HTTP client for tests that look at every answer themselves: no status makes it throw. */
public final class LenientHttp {

    private LenientHttp() {
    }

    public static RestClient to(String baseUrl) {
        return RestClient.builder().baseUrl(baseUrl).defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }
}
