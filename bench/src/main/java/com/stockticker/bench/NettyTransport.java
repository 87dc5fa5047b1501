package com.stockticker.bench;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocalThread;

/** Netty (epoll where available) WebSocket client: a few event-loop threads for all connections. */
final class NettyTransport implements Transport {

    private final Options options;
    private final boolean epoll;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    NettyTransport(Options options) {
        this.options = options;
        this.epoll = Epoll.isAvailable();
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new FastThreadLocalThread(r, "bench-io-" + n.incrementAndGet());
            t.setDaemon(true);
            threads.add(t);
            return t;
        };
        this.group = epoll ? new EpollEventLoopGroup(options.threads, factory) : new NioEventLoopGroup(options.threads, factory);
        this.bootstrap = new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) (options.connectTimeoutSeconds * 1000))
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT);
    }

    @Override
    public String describe() {
        return "netty-" + (epoll ? "epoll" : "nio") + " x" + options.threads;
    }

    @Override
    public List<Thread> ioThreads() {
        return threads;
    }

    @Override
    public Subscriber newSubscriber(Measurements measurements, int index) {
        return new NettySubscriber(options, measurements, index);
    }

    @Override
    public void connect(Subscriber subscriber, URI uri) {
        NettySubscriber c = (NettySubscriber) subscriber;
        Bootstrap b = bootstrap.clone();
        if (c.frozen && options.frozenReceiveBuffer > 0) {
            b.option(ChannelOption.SO_RCVBUF, options.frozenReceiveBuffer);
        }
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .version(WebSocketVersion.V13)
                .subprotocol(options.subprotocols.isEmpty() ? null : String.join(",", options.subprotocols))
                .allowExtensions(options.deflate)
                .maxFramePayloadLength(16 * 1024 * 1024)
                .handshakeTimeoutMillis((long) (options.connectTimeoutSeconds * 1000))
                .generateOriginHeader(false)
                .dropPongFrames(true)
                .handleCloseFrames(true)
                .withUTF8Validator(false) // it scans every byte of every message: most of the client's CPU
                .build();
        b.handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new WireBytes(c), new HttpClientCodec(), new HttpObjectAggregator(65536));
                if (options.deflate) {
                    // Offers permessage-deflate in the handshake and inflates what the server compressed.
                    ch.pipeline().addLast(WebSocketClientCompressionHandler.INSTANCE);
                }
                ch.pipeline().addLast(new WebSocketClientProtocolHandler(config), new Handler(c));
            }
        });
        c.connectStartNanos = System.nanoTime();
        int port = uri.getPort() > 0 ? uri.getPort() : (uri.getScheme().equals("wss") ? 443 : 80);
        ChannelFuture f = b.connect(uri.getHost(), port);
        c.channel = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess()) {
                c.onFailure(done.cause());
            }
        });
        // The STOMP CONNECTED frame must arrive in time too.
        f.channel().eventLoop().schedule(() -> {
            if (!c.connected.isDone()) {
                c.onFailure(new java.util.concurrent.TimeoutException("no CONNECTED within " + options.connectTimeoutSeconds + " s"));
            }
        }, (long) (options.connectTimeoutSeconds * 1000), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(15, TimeUnit.SECONDS);
    }

    static final class NettySubscriber extends Subscriber {
        volatile Channel channel;

        NettySubscriber(Options options, Measurements measurements, int index) {
            super(options, measurements, index);
        }

        @Override
        void sendText(String frame) {
            Channel ch = channel;
            if (ch != null && ch.isActive()) {
                ch.writeAndFlush(new TextWebSocketFrame(frame));
            } else if (!closedByUs) {
                measurements.error("frame not sent: connection not open");
            }
        }

        @Override
        void close() {
            Channel ch = channel;
            if (ch == null) {
                return;
            }
            if (closedByUs && ch.isActive() && stompConnected) {
                // A WebSocket close frame (1000), then the TCP close: the server sees a normal closure, not a
                // transport error. Frozen subscribers' unread data is dropped with the socket.
                ch.writeAndFlush(new CloseWebSocketFrame(1000, "bench done")).addListener(f -> ch.close());
            } else {
                ch.close();
            }
        }

        @Override
        void stopReading() {
            Channel ch = channel;
            if (ch != null) {
                ch.config().setAutoRead(false);
            }
        }
    }

    /** Counts the bytes as they come off the socket, before any decoding or inflating. */
    private static final class WireBytes extends ChannelInboundHandlerAdapter {

        private final NettySubscriber subscriber;

        WireBytes(NettySubscriber subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof io.netty.buffer.ByteBuf buf) {
                subscriber.wireBytes += buf.readableBytes();
            }
            ctx.fireChannelRead(msg);
        }
    }

    private static final class Handler extends ChannelInboundHandlerAdapter {
        private final NettySubscriber subscriber;

        Handler(NettySubscriber subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            subscriber.channel = ctx.channel();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                subscriber.onOpen();
            } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                subscriber.onFailure(new java.util.concurrent.TimeoutException("WebSocket handshake timed out"));
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            long now = System.nanoTime();
            try {
                if (msg instanceof TextWebSocketFrame || msg instanceof ContinuationWebSocketFrame
                        || msg instanceof BinaryWebSocketFrame) {
                    subscriber.onBytes(((WebSocketFrame) msg).content(), now);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            subscriber.onClosed("connection closed");
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            subscriber.onFailure(cause);
            ctx.close();
        }
    }
}
