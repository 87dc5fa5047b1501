package com.stockticker.delivery;

import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import com.stockticker.messaging.WebSocketProperties;

/**
 * The fan-out lanes of the {@link TopicBroker}, one bean each ({@code fanOutLane0}, {@code fanOutLane1}, ...), so
 * that Boot's executor metrics ({@code executor.*}, tagged with the bean's name) show each lane's backlog. As many as
 * {@code ticker.websocket.fan-out-threads} says, which is why they are registered here rather than declared one by
 * one.
 */
class FanOutLanes implements BeanRegistrar {

    /**
     * Messages a lane may have waiting. A lane only falls behind when the server as a whole cannot keep up;
     * it then drops its oldest message rather than hold an ever longer backlog (see {@link TopicBroker}). A tick
     * publishes up to a hundred messages at once (the batch, a quote per instrument, its candle at each interval):
     * room for about ten ticks.
     */
    static final int BACKLOG = 1_000;

    @Override
    public void register(BeanRegistry registry, Environment environment) {
        int fanOutThreads = Binder.get(environment).bind("ticker.websocket.fan-out-threads", Integer.class).orElse(0);
        int lanes = WebSocketProperties.fanOutLanes(fanOutThreads);
        for (int lane = 0; lane < lanes; lane++) {
            int index = lane;
            registry.registerBean("fanOutLane" + index, FanOutLane.class, spec -> spec.order(index)
                    .description("Fan-out lane " + index + " of the topic broker")
                    .supplier(context -> context.bean(ThreadPoolTaskExecutorBuilder.class)
                            .threadNamePrefix("fan-out-" + index + "-")
                            .corePoolSize(1).maxPoolSize(1).allowCoreThreadTimeOut(false)
                            .queueCapacity(BACKLOG)
                            // The broker tells the tasks in a full lane's queue apart: they must stay its own.
                            .taskDecorator(null)
                            // Until the beans are destroyed, as when the broker made them itself: the graceful
                            // disconnect runs after the context has begun to close.
                            .acceptTasksAfterContextClose(true)
                            .build(FanOutLane.class)));
        }
    }

    /**
     * One lane: a single thread, so that a session, which always uses the same lane, gets the messages in the order
     * they were published.
     */
    static class FanOutLane extends ThreadPoolTaskExecutor {
    }
}
