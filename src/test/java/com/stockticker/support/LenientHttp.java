package com.stockticker.support;

import java.time.Duration;

import org.springframework.http.client.JettyClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** An HTTP client for tests that look at every answer themselves: no status makes it throw. */
public final class LenientHttp {

    /**
     * How long an answer may take. The request factory RestClient would pick here (Jetty's) gives up after 10 s, and
     * on a busy 2-core machine a first answer can take that long (springdoc builds the OpenAPI document on its first
     * request): a bound against a hung server, not a measure of speed.
     */
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    private LenientHttp() {
    }

    public static RestClient to(String baseUrl) {
        JettyClientHttpRequestFactory requests = new JettyClientHttpRequestFactory();
        requests.setReadTimeout(READ_TIMEOUT);
        return RestClient.builder().requestFactory(requests).baseUrl(baseUrl)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }
}
