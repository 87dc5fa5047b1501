// The quote board: one row per instrument, updated in place, with flashes, sparklines, sorting and a filter.
import * as format from './format.js';

const SPARK_POINTS = 60;
const NUMERIC = new Set(['price', 'change', 'changePercent', 'bid', 'ask', 'high', 'low', 'volume']);

export class Board {
  #table;
  #body;
  #rows = new Map();
  #sort = { key: 'symbol', descending: false };
  #filter = '';
  #selected = null;
  #onSelect;
  #dirty = new Set();
  #frame = 0;

  constructor(table, filterInput, instruments, onSelect) {
    this.#table = table;
    this.#body = table.tBodies[0];
    this.#onSelect = onSelect;
    for (const instrument of instruments) {
      this.#rows.set(instrument.symbol, this.#createRow(instrument));
    }
    this.#render();
    table.tHead.addEventListener('click', (event) => {
      const header = event.target.closest('th[data-key]');
      if (header) {
        this.#sortBy(header.dataset.key);
      }
    });
    filterInput.addEventListener('input', () => {
      this.#filter = filterInput.value.trim().toLowerCase();
      this.#render();
    });
  }

  /**
   * Applies quotes; a quote older than the one shown (a late snapshot) is ignored. The rows are redrawn on
   * the next animation frame, once however many batches arrived before it: a slow or busy device draws less
   * often instead of falling behind, and a hidden tab draws nothing until it is shown again.
   */
  apply(quotes, { flash }) {
    for (const quote of quotes) {
      const row = this.#rows.get(quote.symbol);
      if (!row || (row.quote && row.quote.tickSeq > quote.tickSeq)) {
        continue;
      }
      const previous = row.quote;
      row.quote = quote;
      row.history.push(quote.price);
      if (row.history.length > SPARK_POINTS) {
        row.history.shift();
      }
      const moved = flash && previous ? Math.sign(quote.price - previous.price) : 0;
      row.moved = moved !== 0 ? moved : row.moved ?? 0;
      this.#dirty.add(row);
    }
    if (this.#dirty.size > 0 && this.#frame === 0) {
      this.#frame = requestAnimationFrame(() => this.#draw());
    }
  }

  #draw() {
    this.#frame = 0;
    for (const row of this.#dirty) {
      this.#fill(row, row.moved);
      row.moved = 0;
    }
    this.#dirty.clear();
    if (this.#sort.key !== 'symbol' && this.#sort.key !== 'name') {
      this.#render();
    }
  }

  quote(symbol) {
    return this.#rows.get(symbol)?.quote;
  }

  select(symbol) {
    for (const [key, row] of this.#rows) {
      row.element.setAttribute('aria-selected', String(key === symbol));
    }
    this.#selected = symbol;
    this.#onSelect(symbol);
  }

  #createRow({ symbol, name }) {
    const element = document.createElement('tr');
    element.dataset.symbol = symbol;
    element.tabIndex = 0;
    element.setAttribute('aria-selected', 'false');
    const cells = {};
    const cell = (key, className) => {
      const td = document.createElement('td');
      if (className) td.className = className;
      element.append(td);
      cells[key] = td;
      return td;
    };
    cell('symbol', 'symbol').textContent = symbol;
    cell('name', 'col-name').textContent = name;
    for (const key of ['price', 'change', 'changePercent']) cell(key, 'num');
    for (const key of ['bid', 'ask']) cell(key, 'num col-quote');
    for (const key of ['high', 'low']) cell(key, 'num col-range');
    cell('volume', 'num col-volume');
    const trend = cell('trend', 'col-trend');
    trend.innerHTML = '<svg class="spark" viewBox="0 0 96 24" aria-hidden="true"><polyline points=""/></svg>';
    element.addEventListener('click', () => this.select(symbol));
    // A finished flash leaves no class behind, so that the next one starts afresh (see #flash).
    element.addEventListener('animationend', (event) => event.target.classList.remove('flash-up', 'flash-down'));
    element.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        this.select(symbol);
      }
    });
    return { element, cells, name, quote: null, history: [] };
  }

  #fill(row, moved) {
    const { quote, cells } = row;
    const symbol = quote.symbol;
    cells.price.textContent = format.price(quote.price, symbol);
    cells.price.dataset.value = quote.price;
    cells.change.textContent = format.change(quote.change, symbol);
    cells.changePercent.textContent = format.percent(quote.changePercent);
    cells.change.className = `num ${format.direction(quote.change)}`;
    cells.changePercent.className = `num ${format.direction(quote.change)}`;
    cells.bid.textContent = format.price(quote.bid, symbol);
    cells.ask.textContent = format.price(quote.ask, symbol);
    cells.high.textContent = format.price(quote.high, symbol);
    cells.low.textContent = format.price(quote.low, symbol);
    cells.volume.textContent = format.count(quote.volume);
    row.element.dataset.seq = quote.seq;
    if (moved !== 0) {
      this.#flash(cells.price, moved > 0 ? 'flash-up' : 'flash-down');
    }
    this.#drawSpark(row);
  }

  /**
   * Flashes a cell, or starts its running flash over, without forcing the browser to lay out the page (which
   * removing and re-adding the class would need, for every moving quote of every tick).
   */
  #flash(cell, name) {
    if (cell.classList.contains(name)) {
      cell.getAnimations().forEach((animation) => { animation.currentTime = 0; });
      return;
    }
    cell.classList.remove('flash-up', 'flash-down');
    cell.classList.add(name);
  }

  #drawSpark(row) {
    const svg = row.cells.trend.firstElementChild;
    const prices = row.history;
    const low = Math.min(...prices);
    const high = Math.max(...prices);
    const span = high - low || 1;
    const step = prices.length > 1 ? 96 / (SPARK_POINTS - 1) : 0;
    const offset = 96 - step * (prices.length - 1);
    svg.firstElementChild.setAttribute('points',
      prices.map((p, i) => `${(offset + i * step).toFixed(1)},${(22 - ((p - low) / span) * 20).toFixed(1)}`).join(' '));
    svg.setAttribute('class', `spark ${format.direction(prices[prices.length - 1] - prices[0])}`);
  }

  #sortBy(key) {
    this.#sort = { key, descending: this.#sort.key === key ? !this.#sort.descending : NUMERIC.has(key) };
    for (const header of this.#table.tHead.querySelectorAll('th[data-key]')) {
      header.setAttribute('aria-sort', header.dataset.key === key
        ? (this.#sort.descending ? 'descending' : 'ascending') : 'none');
    }
    this.#render();
  }

  #render() {
    const { key, descending } = this.#sort;
    const value = (row) => (key === 'symbol' ? row.element.dataset.symbol : key === 'name' ? row.name : row.quote?.[key] ?? 0);
    const rows = [...this.#rows.values()].sort((a, b) => {
      const [x, y] = [value(a), value(b)];
      const order = typeof x === 'string' ? x.localeCompare(y) : x - y;
      return descending ? -order : order;
    });
    for (const row of rows) {
      const text = `${row.element.dataset.symbol} ${row.name}`.toLowerCase();
      row.element.hidden = this.#filter !== '' && !text.includes(this.#filter);
    }
    // Appending moves rows that are already there; only rows out of place are touched.
    rows.forEach((row, index) => {
      if (this.#body.children[index] !== row.element) {
        this.#body.insertBefore(row.element, this.#body.children[index] ?? null);
      }
    });
  }
}
