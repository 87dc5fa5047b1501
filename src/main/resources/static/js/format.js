// Numbers, times and durations for people, in the page's language (Intl): thousands separators, the
// instrument's own decimals, signed changes.
import { language } from './i18n.js';

const decimalsBySymbol = new Map();
const formats = new Map();

/** One Intl formatter per language and options, made once: they are not cheap to make, and ticks are many. */
function cached(kind, options, make) {
  const key = `${kind}:${language()}:${JSON.stringify(options)}`;
  if (!formats.has(key)) {
    formats.set(key, make(language(), options));
  }
  return formats.get(key);
}

const numbers = (options) => cached('number', options, (locale, o) => new Intl.NumberFormat(locale, o));
const dates = (options) => cached('date', options, (locale, o) => new Intl.DateTimeFormat(locale, o));

function formatter(decimals, signed = false) {
  return numbers({ minimumFractionDigits: decimals, maximumFractionDigits: decimals, signDisplay: signed ? 'exceptZero' : 'auto' });
}

/** Learns each instrument's decimals from its tick size (0.01 → 2, 0.5 → 1, 5 → 0). */
export function useInstruments(instruments) {
  for (const { symbol, tickSize } of instruments) {
    const text = String(tickSize);
    decimalsBySymbol.set(symbol, text.includes('.') ? text.split('.')[1].length : 0);
  }
}

export const decimalsOf = (symbol) => decimalsBySymbol.get(symbol) ?? 2;
export const price = (value, symbol) => (value == null ? '–' : formatter(decimalsOf(symbol)).format(value));
export const change = (value, symbol) => (value == null ? '–' : formatter(decimalsOf(symbol), true).format(value));
/** The server sends percentages (1.25 for 1.25 %); Intl's percent style wants the fraction. */
export const percent = (value) => (value == null ? '–'
  : numbers({ style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' }).format(value / 100));
export const money = (value) => (value == null ? '–' : formatter(2).format(value));
export const signedMoney = (value) => (value == null ? '–' : formatter(2, true).format(value));
export const count = (value) => (value == null ? '–' : formatter(0).format(value));
/** Any number as the language writes it, with the decimals it has (a rate of 0.5, a tick size). */
export const number = (value) => numbers({ maximumFractionDigits: 20 }).format(value);

/** A time of day to the second (a Date or epoch milliseconds): 14:03:05 in Chinese, 2:03:05 PM in English. */
export const time = (value) => dates({ timeStyle: 'medium' }).format(value);
/** A date and time, for the chart's legend. */
export const dateTime = (value) => dates({ dateStyle: 'medium', timeStyle: 'medium' }).format(value);
/** A chart axis's time label: seconds only where the ticks are less than a minute apart, the date past a day. */
export const axisTime = (value, stepSeconds) => dates(stepSeconds >= 86400 ? { month: 'short', day: 'numeric' }
  : stepSeconds >= 60 ? { hour: 'numeric', minute: '2-digit' } : { hour: 'numeric', minute: '2-digit', second: '2-digit' }).format(value);

/** How long ago (negative seconds) or from now: "3 seconds ago", "3秒钟后". */
export const relative = (seconds) => cached('relative', {}, (locale) => new Intl.RelativeTimeFormat(locale, { numeric: 'always' }))
  .format(seconds, 'second');

const UNITS = { s: 'second', m: 'minute', h: 'hour', d: 'day' };

/**
 * A candle interval's name ('1s', '5m', '4h', '1d') as the language writes a duration: short ('5m', '5分钟') for
 * buttons and captions, long ('5 minutes') for tooltips. A name of another shape is shown as it is.
 */
export function interval(name, unitDisplay = 'narrow') {
  const match = /^(\d+)([smhd])$/.exec(name);
  return match ? numbers({ style: 'unit', unit: UNITS[match[2]], unitDisplay }).format(Number(match[1])) : name;
}

/** 'up', 'down' or '' for a signed number, to colour it. */
export const direction = (value) => (value > 0 ? 'up' : value < 0 ? 'down' : '');
