// The trading panel: an order ticket that checks what the server would check, the user's orders as they
// live, and the portfolio. Every rejection is said in plain words next to the ticket.
import * as format from './format.js';
import { t, tOr, has, errorText } from './i18n.js';

const BLOTTER_ROWS = 50;

export class Trading {
  #connection;
  #config;
  #ticket;
  #message;
  #orders = new Map();
  #blotter;
  #lastTicketOrder = null;

  constructor(section, connection, config) {
    this.#connection = connection;
    this.#config = config;
    this.#ticket = section.querySelector('#ticket');
    this.#message = section.querySelector('#ticket-message');
    this.#blotter = section.querySelector('#blotter tbody');
    const symbolSelect = section.querySelector('#order-symbol');
    for (const { symbol } of config.instruments) {
      symbolSelect.append(new Option(symbol, symbol));
    }
    const type = section.querySelector('#order-type');
    const limit = section.querySelector('#order-limit');
    type.addEventListener('change', () => {
      limit.disabled = type.value !== 'LIMIT';
    });
    this.#ticket.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#place();
    });
    this.#blotter.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-cancel]');
      if (button) {
        this.#connection.publish(config.destinations.ordersCancel, { orderId: button.dataset.cancel });
      }
    });
    section.querySelector('#account-reset').addEventListener('click', () => this.#reset());
    connection.subscribe(config.destinations.userOrders, (order) => this.#order(order));
    connection.subscribe(config.destinations.userPortfolio, (portfolio) => this.#portfolio(portfolio));
    connection.addEventListener('connected', () => {
      connection.once(config.destinations.orders, (orders) => orders.forEach((order) => this.#order(order, false)));
      connection.once(config.destinations.portfolio, (portfolio) => this.#portfolio(portfolio));
    });
  }

  /** The server refused an order or cancel message outright (see /user/queue/errors): its code in words. */
  refused(error) {
    this.#say(errorText(error.code), 'error');
  }

  /**
   * Starts the account again from its starting cash, once the user confirms. The server answers with the new
   * portfolio on the portfolio queue; the blotter is drawn again from the orders snapshot, which the server
   * answers after the reset because it takes one connection's frames in order.
   */
  #reset() {
    if (!window.confirm(t('js.reset.confirm'))) {
      return;
    }
    if (this.#connection.publish(this.#config.destinations.accountReset, {})) {
      this.#connection.once(this.#config.destinations.orders, (orders) => {
        this.#orders.clear();
        this.#blotter.innerHTML = '';
        orders.forEach((order) => this.#order(order, false));
      });
      this.#say(t('js.reset.done'), 'ok');
    }
  }

  #place() {
    const form = new FormData(this.#ticket);
    const draft = {
      symbol: form.get('symbol'),
      side: form.get('side'),
      type: form.get('type'),
      quantity: String(form.get('quantity') ?? '').trim(),
      limitPrice: String(form.get('limitPrice') ?? '').trim(),
    };
    const problem = this.#check(draft);
    this.#ticket.querySelector('#order-quantity').setAttribute('aria-invalid', String(problem?.field === 'quantity'));
    this.#ticket.querySelector('#order-limit').setAttribute('aria-invalid', String(problem?.field === 'limitPrice'));
    if (problem) {
      this.#say(this.#explain(problem.reason, draft), 'error');
      return;
    }
    const order = {
      clientOrderId: crypto.randomUUID(),
      symbol: draft.symbol,
      side: draft.side,
      type: draft.type,
      quantity: Number(draft.quantity),
    };
    if (draft.type === 'LIMIT') {
      order.limitPrice = Number(draft.limitPrice);
    }
    this.#lastTicketOrder = order.clientOrderId;
    if (this.#connection.publish(this.#config.destinations.orders, order)) {
      this.#say(t('js.ticket.sending', describe(order)), '');
    } else {
      this.#say(t('js.ticket.notConnected', t('js.status.live')), 'error');
    }
  }

  /** The server's rules that a form can check by itself; cash and shares are for the server to judge. */
  #check({ symbol, type, quantity, limitPrice }) {
    if (!/^\d+$/.test(quantity) || Number(quantity) <= 0) return { reason: 'INVALID_QUANTITY', field: 'quantity' };
    if (Number(quantity) > this.#config.limits.maxQuantity) return { reason: 'QUANTITY_TOO_LARGE', field: 'quantity' };
    if (type !== 'LIMIT') return null;
    if (limitPrice === '') return { reason: 'MISSING_LIMIT_PRICE', field: 'limitPrice' };
    if (!/^\d+(\.\d+)?$/.test(limitPrice) || Number(limitPrice) <= 0) return { reason: 'INVALID_LIMIT_PRICE', field: 'limitPrice' };
    if (!onTickGrid(limitPrice, this.#tickSize(symbol))) return { reason: 'OFF_TICK_GRID', field: 'limitPrice' };
    return null;
  }

  /**
   * A reject reason in words (reject.REASON, whose placeholders are the same for every reason: {0} the symbol,
   * {1} the largest quantity, {2} the tick size, {3} the most open orders). With the server's own message, which
   * is English and technical, for the blotter's tooltip.
   */
  #explain(reason, order, serverMessage) {
    const symbol = order?.symbol ?? t('js.order.thatSymbol');
    const words = has(`reject.${reason}`)
      ? t(`reject.${reason}`, symbol, format.count(this.#config.limits.maxQuantity), format.number(this.#tickSize(symbol)),
        format.count(this.#config.limits.maxOpenOrders))
      : t('js.reject.unknown');
    return serverMessage ? t('js.ticket.withDetail', words, serverMessage) : words;
  }

  #order(order, fromTicket = true) {
    const key = order.clientOrderId ?? order.orderId;
    let row = this.#orders.get(key);
    if (!row) {
      row = this.#blotter.insertRow(0);
      row.dataset.clientOrderId = key;
      this.#orders.set(key, row);
      while (this.#blotter.rows.length > BLOTTER_ROWS) {
        this.#orders.delete(this.#blotter.lastElementChild.dataset.clientOrderId);
        this.#blotter.lastElementChild.remove();
      }
    }
    row.dataset.status = order.status;
    row.innerHTML = '';
    const cell = (text, className = '') => {
      const td = row.insertCell();
      td.textContent = text;
      td.className = className;
      return td;
    };
    cell(order.orderId ?? '–');
    cell(order.side ? tOr(`js.side.${order.side}`, order.side) : '–');
    cell(order.quantity != null ? format.count(order.quantity) : '–', 'num');
    cell(order.symbol ?? '–');
    const priced = order.averagePrice ?? order.limitPrice;
    cell(priced != null ? format.price(priced, order.symbol) : t('js.blotter.market'), 'num');
    const status = cell(tOr(`js.orderStatus.${order.status}`, order.status), `status-${order.status}`);
    if (order.reason) {
      status.title = this.#explain(order.reason, order, order.message);
    }
    const actions = row.insertCell();
    if (order.status === 'NEW' && order.orderId) {
      const cancel = document.createElement('button');
      cancel.type = 'button';
      cancel.dataset.cancel = order.orderId;
      cancel.textContent = t('js.blotter.cancel');
      cancel.setAttribute('aria-label', t('js.blotter.cancelOrder', order.orderId));
      actions.append(cancel);
    }
    if (fromTicket && order.clientOrderId === this.#lastTicketOrder) {
      this.#tell(order);
    }
  }

  /**
   * Says what became of the order the ticket sent last. A rejection is said in the reader's words only; the
   * server's English detail is in the blotter's tooltip.
   */
  #tell(order) {
    const what = describe(order);
    if (order.status === 'REJECTED') {
      this.#say(t('js.ticket.rejected', this.#explain(order.reason, order)), 'error');
    } else if (order.status === 'FILLED') {
      this.#say(t('js.ticket.filled', what, format.price(order.averagePrice, order.symbol)), 'ok');
    } else if (order.status === 'NEW') {
      this.#say(t('js.ticket.accepted', what, format.price(order.limitPrice, order.symbol)), 'ok');
    } else {
      this.#say(t('js.ticket.canceled', what), '');
    }
  }

  #portfolio(p) {
    const set = (id, text, className = '') => {
      const element = document.getElementById(id);
      element.textContent = text;
      element.className = className;
    };
    set('portfolio-cash', format.money(p.cash));
    set('portfolio-available', format.money(p.availableCash));
    set('portfolio-equity', format.money(p.equity));
    const pnl = Number(p.unrealizedPnl) + Number(p.realizedPnl);
    set('portfolio-pnl', format.signedMoney(pnl), format.direction(pnl));
    const body = document.querySelector('#positions tbody');
    body.replaceChildren(...p.positions.map((position) => {
      const row = document.createElement('tr');
      row.dataset.symbol = position.symbol;
      const cells = [
        [position.symbol, ''],
        [format.count(position.quantity), 'num'],
        [format.price(position.averageCost, position.symbol), 'num'],
        [format.money(position.marketValue), 'num'],
        [format.signedMoney(position.unrealizedPnl), `num ${format.direction(position.unrealizedPnl)}`],
        [format.signedMoney(position.realizedPnl), `num ${format.direction(position.realizedPnl)}`],
      ];
      for (const [text, className] of cells) {
        const td = row.insertCell();
        td.textContent = text;
        td.className = className;
      }
      return row;
    }));
  }

  #tickSize(symbol) {
    return this.#config.instruments.find((instrument) => instrument.symbol === symbol)?.tickSize ?? 0.01;
  }

  #say(text, kind) {
    this.#message.textContent = text;
    this.#message.className = `message ${kind}`;
  }
}

/** An order in words, "buy 5 AAPL" ("买入 AAPL 5 股"), from what it has of its side, quantity and symbol. */
function describe(order) {
  return t('js.order.what', tOr(`js.order.verb.${order.side}`, t('js.order.verb.none')),
    order.quantity != null ? format.count(order.quantity) : '', order.symbol ?? '').replace(/\s+/g, ' ').trim();
}

/** Exact decimal arithmetic on the strings, as the server does: 0.1 + 0.2 is not a tick question. */
function onTickGrid(price, tickSize) {
  const tick = String(tickSize);
  const decimals = Math.max((price.split('.')[1] ?? '').length, (tick.split('.')[1] ?? '').length);
  const scale = (text) => BigInt(text.replace('.', '') + '0'.repeat(decimals - (text.split('.')[1] ?? '').length));
  return scale(price) % scale(tick) === 0n;
}
