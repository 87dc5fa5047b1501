package com.stockticker.bench;

import java.net.URI;
import java.util.List;

/** Opens WebSocket connections for subscribers and owns the I/O threads. */
interface Transport extends AutoCloseable {

    /** Starts connecting to {@code url}; the subscriber's {@code connected} future completes on STOMP CONNECTED or failure. */
    void connect(Subscriber subscriber, URI url);

    /** Creates the subscriber object of this transport, recording into {@code measurements}. */
    Subscriber newSubscriber(Measurements measurements, int index);

    /** The threads doing this transport's I/O, for their CPU time. */
    List<Thread> ioThreads();

    String describe();

    @Override
    void close();
}
