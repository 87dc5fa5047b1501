// Streams StockTicker quotes over STOMP-over-WebSocket and exits after a number of ticks.
//
//   node quotes.mjs [url] [count]      (defaults: $STOCKTICKER_URL or ws://localhost:8080/ws, 5 ticks)
//
// Exit status: 0 after `count` ticks; 1 if it cannot connect within 10 s, on a STOMP ERROR frame, if the
// WebSocket closes before it is done, or if the server goes silent for 20 s; 2 on bad arguments.
import { Client } from '@stomp/stompjs';
import WebSocket from 'ws';

const url = process.argv[2] || process.env.STOCKTICKER_URL || 'ws://localhost:8080/ws';
const count = Number(process.argv[3] || 5);
if (!/^wss?:\/\/[^/]/.test(url) || !URL.canParse(url) || !Number.isInteger(count) || count < 1) {
  console.error('usage: node quotes.mjs [ws://host:port/ws] [count > 0]');
  process.exit(2);
}

const CONNECT_TIMEOUT_MS = 10_000;
let connected = false;
let finished = false;
let lastSocketError;

function fail(message) {
  if (finished) return;
  finished = true;
  console.error(`error: ${message}`);
  // Don't wait for a polite shutdown of a connection that is already broken or never came up.
  process.exit(1);
}

const client = new Client({
  // Node 20 has no global WebSocket (it arrived in Node 22), so `brokerURL` alone would fail: stompjs gets
  // its socket from the `ws` package through this factory. The subprotocols name the STOMP versions we speak.
  webSocketFactory: () => new WebSocket(url, ['v12.stomp', 'v11.stomp', 'v10.stomp']),
  // STOMP 1.2 requires a host header on CONNECT; stompjs does not add one by itself.
  connectHeaders: { host: new URL(url).hostname },
  // Heartbeats both ways (the server's own setting is 10 s/10 s): the server notices a vanished client, and
  // we notice a server that went silent without closing the TCP connection (see onHeartbeatLost).
  heartbeatIncoming: 10_000,
  heartbeatOutgoing: 10_000,
  // stompjs reconnects by default; an example that should fail loudly must not retry silently.
  reconnectDelay: 0,
});

// Our own timer, rather than stompjs's connectionTimeout, so that a timeout gets its own clear message.
const connectTimer = setTimeout(
  () => fail(`cannot connect to ${url}: no STOMP CONNECTED frame within ${CONNECT_TIMEOUT_MS / 1000} s`),
  CONNECT_TIMEOUT_MS,
);

client.onConnect = (frame) => {
  connected = true;
  clearTimeout(connectTimer);
  console.log(`connected to ${url} (STOMP ${frame.headers.version}, heart-beat ${frame.headers['heart-beat']})`);

  // Errors about our own frames (a bad destination, say) come here; the connection stays open.
  client.subscribe('/user/queue/errors', (message) => {
    const { code, message: text, destination } = JSON.parse(message.body);
    console.error(`server error ${code} (${destination ?? '-'}): ${text}`);
  });

  // The server answers this SUBSCRIBE once, at once, with a snapshot of every quote; nothing follows on it.
  client.subscribe('/app/quotes', (message) => {
    const snapshot = JSON.parse(message.body);
    console.log(`snapshot seq ${snapshot.seq} ${snapshot.timestamp}: ${snapshot.quotes.length} quotes`);
  });

  // Subscribed right away, not after the snapshot arrives: the server handles a client's frames in order,
  // so the snapshot is taken before this subscription starts and no tick falls between the two. A client
  // that keeps state applies only batches with a seq above the snapshot's (docs/protocol.md).
  let ticks = 0;
  client.subscribe('/topic/prices', async (message) => {
    if (finished) return;
    const batch = JSON.parse(message.body);
    console.log(`tick ${batch.seq} ${batch.timestamp} (${batch.quotes.length} quotes)`);
    for (const quote of batch.quotes) console.log(formatQuote(quote));
    if (++ticks === count) {
      finished = true;
      // Sends DISCONNECT and waits for the socket to close; with heartbeat timers and the socket gone,
      // nothing keeps the event loop alive and Node exits by itself with status 0.
      await client.deactivate();
    }
  });
};

client.onStompError = (frame) => fail(`STOMP ERROR frame: ${[frame.headers.message, frame.body].filter(Boolean).join(': ')}`);

// stompjs calls this after two heartbeat intervals (20 s) without a byte from the server. Exit now rather than
// let stompjs start a close handshake that a dead server never answers (ws would wait 30 s more for it).
client.onHeartbeatLost = () => fail(`no data or heartbeat from ${url} for 20 s`);

client.onWebSocketError = (event) => {
  lastSocketError = event.message || event.error?.message;
};

client.onWebSocketClose = (event) => {
  if (finished) return;
  if (!connected) {
    fail(`cannot connect to ${url}: ${lastSocketError ?? `WebSocket closed (code ${event.code})`}`);
  } else {
    fail(`WebSocket closed before ${count} ticks arrived (code ${event.code}${event.reason ? `, ${event.reason}` : ''})`);
  }
};

client.activate();

function formatQuote(q) {
  const signed = (n) => (n >= 0 ? '+' : '') + n.toFixed(2);
  return (
    `${q.symbol.padEnd(6)}${q.price.toFixed(2).padStart(8)}` +
    ` ${signed(q.change).padStart(6)} (${signed(q.changePercent)}%)` +
    `  bid ${q.bid.toFixed(2)} ask ${q.ask.toFixed(2)}  seq ${q.seq}`
  );
}
