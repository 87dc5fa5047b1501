// A price line in SVG: crisp at any size, coloured by the theme, and readable by tests and screen readers.
const WIDTH = 600;
const HEIGHT = 240;
const PAD = 8;
const NS = 'http://www.w3.org/2000/svg';

export class PriceChart {
  #svg;
  #caption;
  #points = [];
  #capacity = 300;
  #baseline = null;
  #frame = 0;

  constructor(svg, caption) {
    this.#svg = svg;
    this.#caption = caption;
  }

  /** Starts over with a history, oldest first, and the previous close as the baseline. */
  show(points, baseline, capacity) {
    this.#points = points.map(({ timestamp, price }) => ({ time: Date.parse(timestamp), price }));
    this.#baseline = baseline;
    this.#capacity = Math.max(capacity, points.length);
    this.#draw();
  }

  /** Adds a point; the chart is redrawn on the next animation frame, once for all points added before it. */
  append(timestamp, price) {
    this.#points.push({ time: Date.parse(timestamp), price });
    if (this.#points.length > this.#capacity) {
      this.#points.shift();
    }
    if (this.#frame === 0) {
      this.#frame = requestAnimationFrame(() => {
        this.#frame = 0;
        this.#draw();
      });
    }
  }

  #draw() {
    const points = this.#points;
    this.#svg.replaceChildren();
    this.#svg.dataset.points = points.length;
    // The newest point's time, for tests: once the chart holds its capacity, the count stops growing but this moves.
    this.#svg.dataset.last = points.length === 0 ? '' : points[points.length - 1].time;
    if (points.length === 0) {
      return;
    }
    const prices = points.map((p) => p.price).concat(this.#baseline ?? []);
    const low = Math.min(...prices);
    const high = Math.max(...prices);
    const span = high - low || 1;
    const first = points[0].time;
    const duration = points[points.length - 1].time - first || 1;
    const x = (p) => PAD + ((p.time - first) / duration) * (WIDTH - 2 * PAD);
    const y = (price) => HEIGHT - PAD - ((price - low) / span) * (HEIGHT - 2 * PAD);
    const line = points.map((p) => `${x(p).toFixed(1)},${y(p.price).toFixed(1)}`).join(' ');
    if (this.#baseline != null) {
      this.#element('line', { class: 'baseline', x1: 0, x2: WIDTH, y1: y(this.#baseline), y2: y(this.#baseline) });
    }
    this.#element('polygon', { class: 'area', points: `${x(points[0]).toFixed(1)},${HEIGHT} ${line} ${x(points[points.length - 1]).toFixed(1)},${HEIGHT}` });
    this.#element('polyline', { class: 'line', points: line });
    const last = points[points.length - 1];
    this.#caption.textContent = `${points.length} prices from ${new Date(first).toLocaleTimeString()} to `
      + `${new Date(last.time).toLocaleTimeString()}; low ${low}, high ${high}; dashed: previous close`;
  }

  #element(name, attributes) {
    const element = document.createElementNS(NS, name);
    for (const [key, value] of Object.entries(attributes)) {
      element.setAttribute(key, value);
    }
    this.#svg.append(element);
  }
}
