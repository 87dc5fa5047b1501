package com.stockticker.support;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * A message-handler test of one anonymous STOMP session: connected and subscribed to its {@code /user/queue/errors}
 * before each test, closed after it.
 */
@MessageHandlerTest
public abstract class AnonymousSessionTest {

    @Autowired
    protected StompChannels stomp;

    protected ChannelStompClient client;
    /** The subscription to {@code /user/queue/errors}. */
    protected String errors;

    @BeforeEach
    void connectAnonymously() {
        client = stomp.connect();
        errors = client.subscribeWithReceipt("/user/queue/errors");
    }

    @AfterEach
    void closeSession() {
        client.close();
    }

    /** The first {@code count} errors the session was sent, once they have all come. */
    protected List<ErrorMessage> refusals(int count) {
        return ErrorMessage.of(client.awaitMessages(errors, count));
    }
}
