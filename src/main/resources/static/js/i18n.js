// The page's words and language. Both come from the server in #ticker-config (locale, messages): the words are
// the message bundles' (src/main/resources/messages*.properties), so no string of the page lives in a script.

let locale = 'en';
let messages = {};

/** Takes the server's choice: a BCP 47 tag ('en', 'zh-CN') and the words under their keys. */
export function useLanguage(config) {
  locale = config.locale ?? locale;
  messages = config.messages ?? {};
}

/** The page's language, for Intl: the server's choice, not the browser's default, so numbers match the words. */
export const language = () => locale;

export const has = (key) => Object.hasOwn(messages, key);

/**
 * The words under key with {0}, {1}, ... replaced by args. A missing key shows as itself and is reported: a test
 * checks that every literal key used here exists in both bundles, so this is a key built at run time.
 */
export function t(key, ...args) {
  const text = messages[key];
  if (text == null) {
    console.warn('StockTicker: no message', key);
    return key;
  }
  return text.replace(/\{(\d+)\}/g, (placeholder, index) => (index < args.length ? String(args[index]) : placeholder));
}

/** The words under key if there are any, else otherwise: for a value from the wire that has no words here. */
export const tOr = (key, otherwise) => (has(key) ? t(key) : otherwise);

/** A server error code in words (error.CODE); a code this page does not know yet is named in a general message. */
export const errorText = (code) => (has(`error.${code}`) ? t(`error.${code}`) : t('js.error.unknown', code));
