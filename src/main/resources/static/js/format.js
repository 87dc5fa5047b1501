// Numbers for people: thousands separators, the instrument's own decimals, signed changes.

const decimalsBySymbol = new Map();
const formats = new Map();

function formatter(decimals, signed = false) {
  const key = `${decimals}:${signed}`;
  if (!formats.has(key)) {
    formats.set(key, new Intl.NumberFormat(undefined, {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      signDisplay: signed ? 'exceptZero' : 'auto',
    }));
  }
  return formats.get(key);
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
export const percent = (value) => (value == null ? '–' : `${formatter(2, true).format(value)} %`);
export const money = (value) => (value == null ? '–' : formatter(2).format(value));
export const signedMoney = (value) => (value == null ? '–' : formatter(2, true).format(value));
export const count = (value) => (value == null ? '–' : formatter(0).format(value));

/** 'up', 'down' or '' for a signed number, to colour it. */
export const direction = (value) => (value > 0 ? 'up' : value < 0 ? 'down' : '');
