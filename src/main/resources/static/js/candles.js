// The selected symbol's candlestick chart. uPlot (a webjar, loaded as the global uPlot) draws the time axis, the
// price and volume scales, the crosshair and the legend with the bar's values; the candle bodies and wicks are
// drawn here, in a draw hook, as uPlot has no candlestick series of its own. Labels, times and volumes are in the
// page's language (uPlot's own time format would write English month names).
import * as format from './format.js';
import { t } from './i18n.js';

const HEIGHT = 260;

/** A bar from the wire as uPlot's columns want it: times in seconds, prices and volume as numbers. */
function toRow(candle) {
  return {
    start: Date.parse(candle.start) / 1000,
    end: Date.parse(candle.end) / 1000,
    open: candle.open, high: candle.high, low: candle.low, close: candle.close,
    volume: candle.volume,
    final: candle.final,
  };
}

function colour(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

export class CandleChart {
  #element;
  #caption;
  #format;
  #plot = null;
  #rows = [];
  #capacity;
  #frame = 0;

  /**
   * @param format a price formatter for the selected symbol's legend and axis
   * @param history the closed bars the server keeps (ticker.candles.history): the chart keeps as many, and the
   *     bar in progress
   */
  constructor(element, caption, format, history) {
    this.#element = element;
    this.#caption = caption;
    this.#format = format;
    this.#capacity = history + 1;
    new ResizeObserver(() => this.#plot?.setSize(this.#size())).observe(element);
  }

  /** Starts over with a candle history (the answer to /app/candles/{SYMBOL}/{interval}). */
  show(history) {
    this.#rows = history.candles.map(toRow);
    this.#element.dataset.symbol = history.symbol;
    this.#element.dataset.interval = history.interval;
    this.#plot?.destroy();
    this.#plot = new uPlot(this.#options(), this.#columns(), this.#element);
    this.#plot.setLegend();
    this.#mark();
  }

  /**
   * A bar from the topic: it replaces the one with the same start if it is further along (closed, or as much
   * volume or more: a bar's volume only grows), or takes its place in time.
   */
  apply(candle) {
    const row = toRow(candle);
    const index = this.#rows.findLastIndex((kept) => kept.start <= row.start);
    if (index >= 0 && this.#rows[index].start === row.start) {
      const kept = this.#rows[index];
      if (!kept.final && (row.final || row.volume >= kept.volume)) {
        this.#rows[index] = row;
      }
    } else {
      this.#rows.splice(index + 1, 0, row);
      if (this.#rows.length > this.#capacity) {
        this.#rows.shift();
      }
    }
    if (this.#frame === 0) {
      this.#frame = requestAnimationFrame(() => {
        this.#frame = 0;
        this.#plot?.setData(this.#columns());
        this.#plot?.setLegend();
        this.#mark();
      });
    }
  }

  /** What tests and screen readers read: how many bars, until when, and the last close. */
  #mark() {
    const rows = this.#rows;
    this.#element.dataset.bars = rows.length;
    this.#element.dataset.last = rows.length === 0 ? '' : rows[rows.length - 1].start;
    if (rows.length === 0) {
      this.#caption.textContent = t('js.chart.empty');
      return;
    }
    const lastRow = rows[rows.length - 1];
    this.#caption.textContent = t('js.chart.caption', format.count(rows.length), format.interval(this.#element.dataset.interval),
      format.time(rows[0].start * 1000), format.time(lastRow.end * 1000), this.#format(lastRow.close));
  }

  #columns() {
    const rows = this.#rows;
    return [rows.map((r) => r.start), rows.map((r) => r.open), rows.map((r) => r.high), rows.map((r) => r.low),
      rows.map((r) => r.close), rows.map((r) => r.volume)];
  }

  #halfBar() {
    const first = this.#rows[0];
    return first ? (first.end - first.start) / 2 : 0;
  }

  #size() {
    return { width: Math.max(200, this.#element.clientWidth), height: HEIGHT };
  }

  #options() {
    const price = (u, value) => (value == null ? '–' : this.#format(value));
    const hidden = { paths: () => null, points: { show: false }, value: price };
    return {
      ...this.#size(),
      cursor: { drag: { x: false, y: false } },
      scales: {
        // Half a bar of room at each end, so that the first and last candles are drawn whole.
        x: { time: true, range: (u, min, max) => [min - this.#halfBar(), max + this.#halfBar()] },
        // The volume bars take the lowest fifth of the chart, under the candles.
        volume: { range: (u, min, max) => [0, Math.max(1, max) * 5] },
      },
      axes: [
        {
          stroke: colour('--muted'), grid: { stroke: colour('--line') }, space: 70,
          // uPlot's foundIncr is the step between ticks, in seconds as the data is.
          values: (u, splits, axisIdx, foundSpace, foundIncr) => splits.map((v) => format.axisTime(v * 1000, foundIncr)),
        },
        { stroke: colour('--muted'), grid: { stroke: colour('--line') }, size: 64, values: (u, values) => values.map((v) => this.#format(v)) },
      ],
      series: [
        { label: t('js.chart.time'), value: (u, value) => (value == null ? '–' : format.dateTime(value * 1000)) },
        { ...hidden, label: t('js.chart.open') },
        { ...hidden, label: t('js.chart.high') },
        { ...hidden, label: t('js.chart.low') },
        { ...hidden, label: t('js.chart.close') },
        {
          label: t('js.chart.volume'), scale: 'volume', paths: uPlot.paths.bars({ size: [0.7, 40] }), points: { show: false },
          fill: `color-mix(in srgb, ${colour('--muted')} 35%, transparent)`, stroke: 'transparent',
          value: (u, value) => format.count(value),
        },
      ],
      hooks: {
        draw: [(u) => this.#drawCandles(u)],
        // Away from the chart, the legend shows the latest bar rather than dashes.
        setLegend: [(u) => {
          const last = u.data[0].length - 1;
          if (last >= 0 && !(u.cursor.left >= 0) && u.legend.idx !== last) {
            u.setLegend({ idx: last }, false);
          }
        }],
      },
    };
  }

  /** Bodies from open to close, wicks from low to high, green when the bar closed at or above its open. */
  #drawCandles(u) {
    const [times, opens, highs, lows, closes] = u.data;
    const { ctx } = u;
    const up = colour('--rise');
    const down = colour('--fall');
    const spacing = times.length > 1 ? Math.abs(u.valToPos(times[1], 'x', true) - u.valToPos(times[0], 'x', true)) : 12;
    const width = Math.max(1, Math.min(spacing * 0.7, 24 * devicePixelRatio));
    ctx.save();
    for (let i = 0; i < times.length; i++) {
      const x = u.valToPos(times[i], 'x', true);
      const top = u.valToPos(Math.max(opens[i], closes[i]), 'y', true);
      const bottom = u.valToPos(Math.min(opens[i], closes[i]), 'y', true);
      ctx.fillStyle = ctx.strokeStyle = closes[i] >= opens[i] ? up : down;
      ctx.lineWidth = Math.max(1, devicePixelRatio);
      ctx.beginPath();
      ctx.moveTo(Math.round(x) + 0.5, u.valToPos(highs[i], 'y', true));
      ctx.lineTo(Math.round(x) + 0.5, u.valToPos(lows[i], 'y', true));
      ctx.stroke();
      ctx.fillRect(Math.round(x - width / 2), top, Math.round(width), Math.max(1, bottom - top));
    }
    ctx.restore();
  }
}
