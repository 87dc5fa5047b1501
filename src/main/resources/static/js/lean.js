// Completes lean batches of /topic/prices (docs/protocol.md, "Lean batch") into whole quotes: every instrument's
// latest quote, from the last snapshot, with each batch's changes set on it. The keys and the fields they stand
// for come from the server (config.lean.keys), which defines them once.

export class LeanQuotes {
  #keys;
  #quotes = new Map();

  constructor(keys) {
    this.#keys = Object.entries(keys);
  }

  /** Starts again from a snapshot's quotes. */
  reset(quotes) {
    this.#quotes = new Map(quotes.map((quote) => [quote.symbol, quote]));
  }

  /** The batch as the default format has it: {seq, timestamp, quotes}, each quote whole. */
  complete(batch) {
    const timestamp = new Date(batch.t).toISOString();
    const quotes = batch.q.map((lean) => {
      const quote = { ...this.#quotes.get(lean.s), tickSeq: batch.seq, timestamp };
      for (const [key, field] of this.#keys) {
        if (key in lean) {
          quote[field] = lean[key];
        }
      }
      quote.seq += 1;
      this.#quotes.set(quote.symbol, quote);
      return quote;
    });
    return { seq: batch.seq, timestamp, quotes };
  }
}
