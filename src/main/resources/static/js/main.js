// Wires the dashboard together. The server hands over its destinations, limits, language and words in
// #ticker-config.
import * as format from './format.js';
import { useLanguage, t } from './i18n.js';
import { Connection } from './connection.js';
import { Board } from './board.js';
import { Detail } from './detail.js';
import { Watchlist } from './watchlist.js';
import { Trading } from './trading.js';
import { LeanQuotes } from './lean.js';

const config = JSON.parse(document.getElementById('ticker-config').textContent);
const { destinations } = config;
useLanguage(config);
format.useInstruments(config.instruments);

const transport = new URLSearchParams(window.location.search).get('transport') ?? 'auto';

// The language switch keeps the page's other parameters (?transport=sockjs): its links, made by the server for
// every page, name only ?lang=.
for (const link of document.querySelectorAll('.languages a[hreflang]')) {
  const url = new URL(window.location.href);
  url.searchParams.set('lang', link.hreflang);
  link.href = url.href;
}
const connection = new Connection(config, transport);
const names = new Map(config.instruments.map(({ symbol, name }) => [symbol, name]));
const detail = new Detail(document.getElementById('detail'), connection, config);
const board = new Board(document.getElementById('board'), document.getElementById('filter'), config.instruments,
  (symbol) => detail.show(symbol, names.get(symbol)));
const watchlist = new Watchlist(document.getElementById('watchlist'), connection, config);
const tradingPanel = document.getElementById('trading');
const trading = tradingPanel ? new Trading(tradingPanel, connection, config) : null;

// The live stream: apply batches in order. After a reconnect the subscription says which batch the page applied
// last, in which market, and the server sends the ones missed meanwhile (docs/protocol.md, "Resume after a
// reconnect"); when it cannot, the first frame is a snapshot of every quote instead. A batch missing from the
// live stream (the server fell behind) is made good from a snapshot as well. The batches come lean, with only
// what changed (a third of the bytes), and are completed from the last snapshot.
const resume = config.resumeHeaders;
const lean = new LeanQuotes(config.lean.keys);
let lastSeq = 0;
let market = null;
let lastTickAt = 0;
let firstAfterConnect = false;
const boardElement = document.getElementById('board');

function count(name) {
  boardElement.dataset[name] = Number(boardElement.dataset[name] ?? 0) + 1;
}

function applied(seq) {
  lastSeq = seq;
  boardElement.dataset.seq = lastSeq;
}

function resync() {
  connection.once(destinations.quotes, (snapshot) => {
    lean.reset(snapshot.quotes);
    board.apply(snapshot.quotes, { flash: false });
    applied(Math.max(lastSeq, snapshot.seq));
  });
}

function subscriptionHeaders() {
  const position = market ? { [resume.after]: String(lastSeq), [resume.market]: market } : { [resume.after]: '0' };
  return { ...position, [config.lean.header]: config.lean.format };
}

connection.subscribe(destinations.prices, (message, headers) => {
  if (firstAfterConnect) {
    firstAfterConnect = false;
    count(headers[resume.snapshot] === 'true' ? 'snapshots' : 'resumes');
  }
  if (headers[resume.snapshot] === 'true') {
    market = headers[resume.snapshotMarket] ?? null;
    lean.reset(message.quotes);
    board.apply(message.quotes, { flash: false });
    applied(message.seq);
    return;
  }
  if (message.seq <= lastSeq) {
    return;
  }
  const batch = lean.complete(message);
  const gap = lastSeq > 0 && batch.seq > lastSeq + 1;
  applied(batch.seq);
  lastTickAt = Date.now();
  board.apply(batch.quotes, { flash: true });
  batch.quotes.forEach((quote) => detail.update(quote));
  if (gap) {
    count('resyncs');
    resync();
  }
}, subscriptionHeaders);
connection.subscribe(destinations.userErrors, (error) => {
  if (error.destination === destinations.subscriptions) {
    watchlist.refused(error);
  } else if (trading && error.destination?.startsWith(destinations.orders)) {
    trading.refused(error);
  } else {
    // Nothing on the page sent it (a developer's console experiment, say): for the console, not the reader.
    console.warn('StockTicker refused a message', error);
  }
});
connection.addEventListener('connected', () => {
  firstAfterConnect = true;
});

// The badge: the connection's state, its transport, and how old the last tick is.
const status = document.getElementById('status');
const statusText = document.getElementById('status-text');
const statusDetail = document.getElementById('status-detail');
let retryAt = 0;

connection.addEventListener('status', ({ detail: { status: state, transport: via, retryIn } }) => {
  status.dataset.status = state;
  status.dataset.transport = via;
  statusText.textContent = t(`js.status.${state}`);
  retryAt = retryIn ? Date.now() + retryIn : 0;
  describe();
});

function describe() {
  const state = status.dataset.status;
  if (state === 'live') {
    const age = lastTickAt ? Math.max(0, Math.round((Date.now() - lastTickAt) / 1000)) : null;
    statusDetail.textContent = age == null ? t('js.status.via', status.dataset.transport)
      : t('js.status.viaLastTick', status.dataset.transport, format.relative(-age));
  } else if (retryAt > Date.now()) {
    statusDetail.textContent = t('js.status.retrying', format.relative(Math.ceil((retryAt - Date.now()) / 1000)));
  } else {
    statusDetail.textContent = '';
  }
}
setInterval(describe, 1000);

// The footer: which core runs the market, from /actuator/info (README.md, "Failover"); a takeover shows within 15 s.
const coreInfo = document.getElementById('core-info');

async function showCore() {
  let core = null;
  try {
    const response = await fetch('actuator/info', { headers: { Accept: 'application/json' } });
    core = response.ok ? (await response.json()).core : null;
  } catch {
    // The server is away: the badge says so; the footer keeps what it knew.
    return;
  }
  coreInfo.dataset.activeCore = core?.activeCore ?? '';
  coreInfo.textContent = core?.activeCore
    ? ` · ${t(core.state === 'active' ? 'js.footer.coreHere' : 'js.footer.core', core.activeCore)}`
    : '';
}
showCore();
setInterval(showCore, 15000);

board.select(config.instruments[0].symbol);
connection.start();
