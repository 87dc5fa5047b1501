// The selected symbol: its candlestick chart at the chosen interval (a snapshot of recent bars, then the live
// bars from the topic) and the facts of its day, from the quote stream.
import * as format from './format.js';
import { CandleChart } from './candles.js';

const INTERVAL_KEY = 'ticker.candleInterval';

export class Detail {
  #panel;
  #connection;
  #destinations;
  #intervals;
  #chart;
  #symbol = null;
  #interval;
  #unsubscribe = null;
  #pending = null;

  constructor(panel, connection, config) {
    this.#panel = panel;
    this.#connection = connection;
    this.#destinations = config.destinations;
    this.#intervals = config.candles.intervals;
    const remembered = localStorage.getItem(INTERVAL_KEY);
    this.#interval = this.#intervals.includes(remembered) ? remembered : (this.#intervals.includes('5s') ? '5s' : this.#intervals[0]);
    this.#chart = new CandleChart(panel.querySelector('#candles'), panel.querySelector('#chart-label'),
      (value) => format.price(value, this.#symbol), config.candles.history);
    this.#switch(panel.querySelector('#intervals'));
    // After a reconnect the topic is subscribed again by the connection; the snapshot is asked for here.
    connection.addEventListener('connected', () => this.#load());
  }

  show(symbol, name) {
    this.#symbol = symbol;
    this.#panel.hidden = false;
    this.#panel.querySelector('#detail-symbol').textContent = symbol;
    this.#panel.querySelector('#detail-name').textContent = name;
    this.#follow();
  }

  /** A quote from the live stream; only the selected symbol's matter. */
  update(quote) {
    if (quote.symbol === this.#symbol) {
      this.#facts(quote);
    }
  }

  /** One button per configured interval; the chosen one is remembered for the next visit. */
  #switch(group) {
    for (const interval of this.#intervals) {
      const button = document.createElement('button');
      button.type = 'button';
      // The interval as the language writes a duration ('5m', '5分钟'), in full in the tooltip.
      button.textContent = format.interval(interval);
      button.title = format.interval(interval, 'long');
      button.dataset.interval = interval;
      button.setAttribute('role', 'radio');
      button.addEventListener('click', () => {
        this.#interval = interval;
        localStorage.setItem(INTERVAL_KEY, interval);
        this.#follow();
      });
      group.append(button);
    }
    this.#checkInterval();
  }

  #checkInterval() {
    for (const button of this.#panel.querySelectorAll('#intervals button')) {
      button.setAttribute('aria-checked', String(button.dataset.interval === this.#interval));
    }
  }

  /**
   * Live bars first, then the snapshot: the server handles a connection's frames in order, so nothing between
   * the two is missed. Bars that arrive before the snapshot wait for it; the chart keeps whichever version of
   * a bar is further along.
   */
  #follow() {
    this.#checkInterval();
    this.#unsubscribe?.();
    if (!this.#symbol) {
      return;
    }
    this.#unsubscribe = this.#connection.subscribe(`${this.#destinations.candlesPrefix}${this.#symbol}.${this.#interval}`, (bar) => {
      if (this.#pending) {
        this.#pending.push(bar);
      } else {
        this.#chart.apply(bar);
      }
    });
    this.#load();
  }

  #load() {
    if (!this.#symbol) {
      return;
    }
    this.#pending = [];
    const symbol = this.#symbol;
    const interval = this.#interval;
    this.#connection.once(`${this.#destinations.symbolQuotesPrefix}${symbol}`, (snapshot) => {
      if (symbol === this.#symbol) {
        this.#facts(snapshot.quote);
      }
    });
    this.#connection.once(`${this.#destinations.symbolCandlesPrefix}${symbol}/${interval}`, (history) => {
      if (symbol !== this.#symbol || interval !== this.#interval) {
        return;
      }
      this.#chart.show(history);
      const waiting = this.#pending ?? [];
      this.#pending = null;
      waiting.forEach((bar) => this.#chart.apply(bar));
    });
  }

  #facts(quote) {
    const { symbol } = quote;
    const $ = (id) => this.#panel.querySelector(id);
    $('#detail-last').textContent = format.price(quote.price, symbol);
    $('#detail-change').textContent = `${format.change(quote.change, symbol)} (${format.percent(quote.changePercent)})`;
    $('#detail-change').className = format.direction(quote.change);
    $('#detail-open').textContent = format.price(quote.open, symbol);
    $('#detail-close').textContent = format.price(quote.previousClose, symbol);
    $('#detail-quote').textContent = `${format.price(quote.bid, symbol)} / ${format.price(quote.ask, symbol)}`;
    $('#detail-volume').textContent = format.count(quote.volume);
    $('#range-low').textContent = format.price(quote.low, symbol);
    $('#range-high').textContent = format.price(quote.high, symbol);
    const span = quote.high - quote.low;
    $('#range-marker').style.left = `${span > 0 ? ((quote.price - quote.low) / span) * 100 : 50}%`;
  }
}
