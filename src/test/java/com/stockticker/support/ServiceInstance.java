package com.stockticker.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.stockticker.StockTickerApplication;

/**
 * One instance of the service with a context of its own on a random port, as the test profile configures it,
 * so that a test can run several side by side in one JVM (they share nothing static).
 */
public final class ServiceInstance implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ConfigurableApplicationContext context;
    private final int port;

    private ServiceInstance(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** @param properties {@code key=value} settings, over the test profile's */
    public static ServiceInstance start(List<String> properties) {
        String[] arguments = java.util.stream.Stream.concat(java.util.stream.Stream.of("server.port=0"), properties.stream())
                .map(property -> "--" + property).toArray(String[]::new);
        return new ServiceInstance(new SpringApplicationBuilder(StockTickerApplication.class).profiles("test").run(arguments));
    }

    public int port() {
        return port;
    }

    public URI ws() {
        return URI.create("ws://localhost:" + port + "/ws");
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** What a counter with this tag has counted; 0 while nothing has counted it yet. */
    public double count(String counter, String tag, String value) {
        return bean(MeterRegistry.class).find(counter).tag(tag, value).counters().stream().mapToDouble(Counter::count).sum();
    }

    public StompClient connect() {
        return StompClient.connect(ws());
    }

    public StompClient connect(String username) {
        return StompClient.connect(ws(), Map.of("login", username, "passcode", "alice-demo"));
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path, String username) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((username + ":alice-demo").getBytes());
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Basic " + basic).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Readiness as a load balancer asks for it: 200 when ready, 503 when not. */
    public int readiness() throws IOException, InterruptedException {
        return get("/actuator/health/readiness").statusCode();
    }

    @Override
    public void close() {
        context.close();
    }
}
