// Streams StockTicker quotes over STOMP-over-WebSocket and exits after a number of ticks.
//
//   node quotes.mjs [url] [count]      (defaults: $STOCKTICKER_URL or ws://localhost:8080/ws, 5 ticks)
//
// When the connection drops it reconnects and resumes: the server sends the batches it missed meanwhile
// (docs/protocol.md, "Resume after a reconnect"), or a snapshot when it cannot.
//
// Exit status: 0 after `count` ticks; 1 if it cannot connect within 10 s, on a STOMP ERROR frame, if it cannot
// reconnect within 30 s after the connection dropped, or if the server goes silent for 20 s; 2 on bad arguments.
import { Client } from '@stomp/stompjs';
import WebSocket from 'ws';

const url = process.argv[2] || process.env.STOCKTICKER_URL || 'ws://localhost:8080/ws';
const count = Number(process.argv[3] || 5);
if (!/^wss?:\/\/[^/]/.test(url) || !URL.canParse(url) || !Number.isInteger(count) || count < 1) {
  console.error('usage: node quotes.mjs [ws://host:port/ws] [count > 0]');
  process.exit(2);
}

// How long to wait for the connection: $STOCKTICKER_WAIT_SECONDS, else 10 s.
const CONNECT_TIMEOUT_MS = (Number(process.env.STOCKTICKER_WAIT_SECONDS) || 10) * 1000;
const RECONNECT_TIMEOUT_MS = 30_000;
let connected = false;
let finished = false;
let lastSocketError;
let reconnectTimer;
let reconnecting = false;
// Where this client stands in the market's stream: the last batch applied, and the market it belongs to
// (named by the snapshot's `market` header). Sent back on every re-subscribe to resume from there.
let lastSeq = 0;
let market;
let ticks = 0;
// Every instrument's latest quote: the snapshot's, completed by each lean batch (docs/protocol.md, "Lean batch").
const quotes = new Map();
const LEAN_KEYS = { p: 'price', b: 'bid', a: 'ask', h: 'high', l: 'low', c: 'change', cp: 'changePercent', v: 'volume' };

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
  // After a drop, stompjs reconnects a second later; onWebSocketClose gives up after 30 s.
  reconnectDelay: 1_000,
});

// Our own timer, rather than stompjs's connectionTimeout, so that a timeout gets its own clear message.
const connectTimer = setTimeout(
  () => fail(`cannot connect to ${url}: no STOMP CONNECTED frame within ${CONNECT_TIMEOUT_MS / 1000} s`),
  CONNECT_TIMEOUT_MS,
);

client.onConnect = (frame) => {
  const resuming = connected;
  connected = true;
  clearTimeout(connectTimer);
  clearTimeout(reconnectTimer);
  reconnecting = false;
  console.log(`connected to ${url} (STOMP ${frame.headers.version}, heart-beat ${frame.headers['heart-beat']})`);

  // Errors about our own frames (a bad destination, say) come here; the connection stays open.
  client.subscribe('/user/queue/errors', (message) => {
    const { code, message: text, destination } = JSON.parse(message.body);
    console.error(`server error ${code} (${destination ?? '-'}): ${text}`);
  });

  // One subscription for the snapshot and the live batches. `resume-after` asks the server to start with a
  // snapshot of every quote (marked `snapshot:true`) when it cannot send what we missed: always the first
  // time, when we have no market yet. Later, with our last seq and market, we get the batches we missed.
  // `format:lean` asks for batches with only what changed, a third of the bytes; the snapshot is whole.
  const resume = market ? { 'resume-after': String(lastSeq), 'resume-market': market } : { 'resume-after': '0' };
  let first = true;
  client.subscribe('/topic/prices', async (message) => {
    if (finished) return;
    const batch = JSON.parse(message.body);
    if (message.headers.snapshot === 'true') {
      market = message.headers.market;
      lastSeq = batch.seq;
      for (const quote of batch.quotes) quotes.set(quote.symbol, quote);
      console.log(`snapshot seq ${batch.seq} ${batch.timestamp}: ${batch.quotes.length} quotes (market ${market})`);
      first = false;
      return;
    }
    if (first && resuming) {
      console.log(`resumed after seq ${lastSeq}`);
    }
    first = false;
    // Batches not later than the snapshot are in it already (docs/protocol.md).
    if (batch.seq <= lastSeq) return;
    lastSeq = batch.seq;
    const timestamp = new Date(batch.t).toISOString();
    console.log(`tick ${batch.seq} ${timestamp} (${batch.q.length} quotes)`);
    for (const lean of batch.q) console.log(formatQuote(apply(lean, batch.seq, timestamp)));
    if (++ticks === count) {
      finished = true;
      // Sends DISCONNECT and waits for the socket to close; with heartbeat timers and the socket gone,
      // nothing keeps the event loop alive and Node exits by itself with status 0.
      await client.deactivate();
    }
  }, { ...resume, format: 'lean' });
};

// A lean entry sets the fields that changed; the quote's seq goes up by one, tickSeq and timestamp are the batch's.
function apply(lean, tickSeq, timestamp) {
  const quote = { ...quotes.get(lean.s), tickSeq, timestamp };
  for (const [key, field] of Object.entries(LEAN_KEYS)) {
    if (key in lean) quote[field] = lean[key];
  }
  quote.seq += 1;
  quotes.set(lean.s, quote);
  return quote;
}

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
  } else if (!reconnecting) {
    // Attempts that fail while reconnecting close too: the 30 s count from the first drop.
    reconnecting = true;
    console.log(`connection closed (code ${event.code}${event.reason ? `, ${event.reason}` : ''}); reconnecting to resume after seq ${lastSeq}`);
    reconnectTimer = setTimeout(() => fail(`could not reconnect to ${url} within ${RECONNECT_TIMEOUT_MS / 1000} s`),
      RECONNECT_TIMEOUT_MS);
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
