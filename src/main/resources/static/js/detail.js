// The selected symbol: a chart seeded from its history snapshot, then extended tick by tick, and its day.
import * as format from './format.js';
import { PriceChart } from './chart.js';

const CHART_POINTS = 300;

export class Detail {
  #panel;
  #connection;
  #destinations;
  #chart;
  #symbol = null;
  #ready = false;

  constructor(panel, connection, destinations) {
    this.#panel = panel;
    this.#connection = connection;
    this.#destinations = destinations;
    this.#chart = new PriceChart(panel.querySelector('#chart'), panel.querySelector('#chart-label'));
    connection.addEventListener('connected', () => this.#load());
  }

  show(symbol, name) {
    this.#symbol = symbol;
    this.#panel.hidden = false;
    this.#panel.querySelector('#detail-symbol').textContent = symbol;
    this.#panel.querySelector('#detail-name').textContent = name;
    this.#load();
  }

  /** A quote from the live stream; only the selected symbol's matter. */
  update(quote) {
    if (quote.symbol !== this.#symbol || !this.#ready) {
      return;
    }
    this.#chart.append(quote.timestamp, quote.price);
    this.#facts(quote);
  }

  #load() {
    if (!this.#symbol) {
      return;
    }
    this.#ready = false;
    const symbol = this.#symbol;
    this.#connection.once(this.#destinations.symbolQuotesPrefix + symbol, (snapshot) => {
      if (symbol !== this.#symbol) {
        return;
      }
      this.#chart.show(snapshot.history, snapshot.quote.previousClose, CHART_POINTS);
      this.#panel.querySelector('#chart').dataset.symbol = symbol;
      this.#facts(snapshot.quote);
      this.#ready = true;
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
