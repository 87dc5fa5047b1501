package com.stockticker.support;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that streams {@code /topic/prices} while an attack runs, and afterwards must have seen every batch in
 * sequence and still get more: the attack hurt nobody else.
 */
public final class PriceSentinel implements AutoCloseable {

    private final StompClient client;
    private final String prices;

    private PriceSentinel(StompClient client) {
        this.client = client;
        this.prices = client.subscribe("/topic/prices");
        client.awaitMessages(prices, 1);
    }

    /** Connects without a login and waits for the first batch. */
    public static PriceSentinel watch(ServiceInstance server) {
        return new PriceSentinel(server.connect());
    }

    /** Three more batches come, and every batch so far followed the one before. */
    public void assertPricesNeverStopped() {
        int seen = client.messages(prices).size();
        List<Long> seqs = client.awaitMessages(prices, seen + 3).stream().map(frame -> frame.json().get("seq").asLong()).toList();
        for (int i = 1; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /**
     * A sentinel for every test of a class: connected before each test, and checked and closed after it.
     * {@code @RegisterExtension final PriceSentinel.EveryTest prices = PriceSentinel.everyTest(() -> server);}
     */
    public static EveryTest everyTest(Supplier<ServiceInstance> server) {
        return new EveryTest(server);
    }

    public static final class EveryTest implements BeforeEachCallback, AfterEachCallback {

        private final Supplier<ServiceInstance> server;
        private PriceSentinel sentinel;

        private EveryTest(Supplier<ServiceInstance> server) {
            this.server = server;
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            sentinel = watch(server.get());
        }

        @Override
        public void afterEach(ExtensionContext context) {
            try (PriceSentinel watching = sentinel) {
                watching.assertPricesNeverStopped();
            }
        }
    }
}
