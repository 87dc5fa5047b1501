// The watchlist: symbols the user picks, each streamed through a managed subscription at a chosen rate.
// The server forgets managed subscriptions when a connection ends, so they are sent again on reconnect.
import * as format from './format.js';
import { language, t, has, errorText } from './i18n.js';

const STORAGE_KEY = 'stockticker.watchlist';
const TICKS_KEPT = 10;

export class Watchlist {
  #connection;
  #destinations;
  #limits;
  #list;
  #message;
  #items = new Map();

  constructor(section, connection, config) {
    this.#connection = connection;
    this.#destinations = config.destinations;
    this.#limits = config.limits;
    this.#list = section.querySelector('#watch-items');
    this.#message = section.querySelector('#watch-message');
    const symbolSelect = section.querySelector('#watch-symbol');
    for (const { symbol } of config.instruments) {
      symbolSelect.append(new Option(symbol, symbol));
    }
    section.querySelector('#watch-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.add(symbolSelect.value, Number(section.querySelector('#watch-rate').value));
    });
    for (const { symbol, rate } of this.#stored()) {
      this.#items.set(symbol, this.#createItem(symbol, rate));
    }
    connection.subscribe(this.#destinations.userQuotes, (message) => this.#receive(message));
    connection.addEventListener('connected', () => {
      for (const item of this.#items.values()) {
        this.#send('subscribe', item.symbol, item.rate);
      }
    });
  }

  add(symbol, rate) {
    this.#message.textContent = '';
    if (!this.#items.has(symbol) && this.#items.size >= this.#limits.maxSymbols) {
      this.#message.textContent = t('js.watch.tooMany', format.count(this.#limits.maxSymbols));
      return;
    }
    this.#items.get(symbol)?.element.remove();
    this.#items.set(symbol, this.#createItem(symbol, rate));
    this.#store();
    this.#send('subscribe', symbol, rate);
  }

  remove(symbol) {
    const item = this.#items.get(symbol);
    if (item) {
      item.element.remove();
      this.#items.delete(symbol);
      this.#store();
      this.#send('unsubscribe', symbol);
    }
  }

  /** The server refused a watchlist request: its code in words. */
  refused(error) {
    this.#message.textContent = errorText(error.code);
  }

  #send(action, symbol, rate) {
    this.#connection.publish(this.#destinations.subscriptions,
      action === 'subscribe' ? { action, symbols: [symbol], maxRate: rate } : { action, symbols: [symbol] });
  }

  #receive(message) {
    for (const quote of message.quotes) {
      const item = this.#items.get(quote.symbol);
      if (!item) {
        continue;
      }
      item.price.textContent = format.price(quote.price, quote.symbol);
      item.change.textContent = format.percent(quote.changePercent);
      item.change.className = format.direction(quote.change);
      if (message.type === 'update') {
        // The ticks on which updates came, for the curious and for tests: their spacing is the rate.
        item.ticks.push(message.seq);
        if (item.ticks.length > TICKS_KEPT) item.ticks.shift();
        item.element.dataset.updateTicks = item.ticks.join(',');
        item.element.dataset.updates = Number(item.element.dataset.updates) + 1;
      }
    }
  }

  #createItem(symbol, rate) {
    const element = document.createElement('li');
    element.dataset.symbol = symbol;
    element.dataset.rate = rate;
    element.dataset.updates = 0;
    const name = document.createElement('strong');
    name.textContent = symbol;
    const price = document.createElement('span');
    price.className = 'num';
    const change = document.createElement('span');
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = '✕';
    remove.setAttribute('aria-label', t('js.watch.remove', symbol));
    remove.addEventListener('click', () => this.remove(symbol));
    element.append(name, price, change, remove);
    // The language's plural form for the rate (English: one, other; Chinese has one form, under other).
    const plural = new Intl.PluralRules(language()).select(rate);
    element.title = t(has(`js.watch.rate.${plural}`) ? `js.watch.rate.${plural}` : 'js.watch.rate.other', format.number(rate));
    this.#list.append(element);
    return { symbol, rate, element, price, change, ticks: [] };
  }

  #stored() {
    try {
      const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
      return Array.isArray(stored) ? stored.filter((item) => typeof item.symbol === 'string' && item.rate > 0) : [];
    } catch {
      return [];
    }
  }

  #store() {
    localStorage.setItem(STORAGE_KEY, JSON.stringify([...this.#items.values()].map(({ symbol, rate }) => ({ symbol, rate }))));
  }
}
