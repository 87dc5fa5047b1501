// Places one paper-trading market order as a logged-in user, prints its events and the portfolio after it.
//
//   node trade.mjs [url] [username] [password] [symbol] [quantity]
//   (defaults: $STOCKTICKER_URL or ws://localhost:8080/ws, alice, alice-demo, AAPL, 10; a negative
//   quantity sells)
//
// Exit status: 0 once the order is filled; 1 if it is rejected, the login fails (STOMP ERROR frame) or
// nothing happens within 10 s ($STOCKTICKER_WAIT_SECONDS); 2 on bad arguments.
import { Client } from '@stomp/stompjs';
import WebSocket from 'ws';

const [url = process.env.STOCKTICKER_URL || 'ws://localhost:8080/ws', username = 'alice', password = 'alice-demo',
  symbol = 'AAPL', quantityArg = '10'] = process.argv.slice(2);
// How long to wait for the fill: $STOCKTICKER_WAIT_SECONDS, else 10 s.
const WAIT_SECONDS = Number(process.env.STOCKTICKER_WAIT_SECONDS) || 10;
const quantity = Number(quantityArg);
if (!URL.canParse(url) || !Number.isInteger(quantity) || quantity === 0) {
  console.error('usage: node trade.mjs [ws://host:port/ws] [username] [password] [symbol] [quantity, not 0]');
  process.exit(2);
}

const fail = (message) => {
  console.error(`error: ${message}`);
  process.exit(1);
};
const timer = setTimeout(() => fail(`no fill within ${WAIT_SECONDS} s`), WAIT_SECONDS * 1000);

const client = new Client({
  webSocketFactory: () => new WebSocket(url, ['v12.stomp']),
  // The standard STOMP credentials: how a client that is not a browser logs in.
  connectHeaders: { host: new URL(url).hostname, login: username, passcode: password },
  reconnectDelay: 0,
});

client.onStompError = (frame) => fail(`STOMP ERROR frame: ${frame.headers.message}`);
client.onWebSocketClose = () => fail('the connection closed');

client.onConnect = () => {
  client.subscribe('/user/queue/errors', (message) => fail(`server error: ${message.body}`));
  // The order's life: NEW, then FILLED (or REJECTED with a reason). Every session of the user sees it.
  client.subscribe('/user/queue/orders', (message) => {
    const order = JSON.parse(message.body);
    console.log(`order ${order.orderId ?? '-'} ${order.clientOrderId}: ${order.status}` +
      (order.averagePrice != null ? ` at ${order.averagePrice.toFixed(2)}` : '') +
      (order.reason ? ` (${order.reason}: ${order.message})` : ''));
    if (order.status === 'REJECTED') fail(`order rejected: ${order.reason}`);
    if (order.status === 'FILLED') printPortfolioAndExit();
  });
  client.publish({
    destination: '/app/orders',
    body: JSON.stringify({
      // A retry with the same clientOrderId returns the same order, never a second fill.
      clientOrderId: `node-${Date.now()}`,
      symbol,
      side: quantity > 0 ? 'BUY' : 'SELL',
      type: 'MARKET',
      quantity: Math.abs(quantity),
    }),
  });
};

function printPortfolioAndExit() {
  // A SUBSCRIBE to /app/portfolio is answered once, at once, with the portfolio as it is now.
  client.subscribe('/app/portfolio', async (message) => {
    const p = JSON.parse(message.body);
    console.log(`portfolio of ${p.username}: cash ${p.cash.toFixed(2)}, equity ${p.equity.toFixed(2)}`);
    for (const position of p.positions) {
      console.log(`  ${position.symbol.padEnd(6)} ${String(position.quantity).padStart(6)} ` +
        `avg ${position.averageCost.toFixed(2)}  value ${position.marketValue.toFixed(2)}  ` +
        `unrealized ${position.unrealizedPnl.toFixed(2)}  realized ${position.realizedPnl.toFixed(2)}`);
    }
    clearTimeout(timer);
    client.onWebSocketClose = () => {};
    await client.deactivate();
  });
}

client.activate();
