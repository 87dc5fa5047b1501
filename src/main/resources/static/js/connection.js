// One STOMP connection for the whole page: native WebSocket first, SockJS when WebSocket is blocked,
// reconnection with backoff, and subscriptions that survive reconnects.
//
// Events: 'status' ({status: connecting|live|reconnecting|offline, transport, retryIn}), 'connected' after
// every (re)connect, so that others resynchronise, and 'stomp-error' with the server's ERROR frame.

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;
// Two failed native attempts without ever connecting: WebSocket is likely blocked on the way.
const NATIVE_FAILURES_BEFORE_SOCKJS = 2;

export class Connection extends EventTarget {
  #config;
  #transport;
  #client;
  #subscriptions = new Set();
  #failures = 0;
  #connectedOnce = false;
  #useSockJs;
  #status = 'connecting';

  /** @param transport 'auto' (default), 'websocket' or 'sockjs' */
  constructor(config, transport = 'auto') {
    super();
    this.#config = config;
    this.#transport = transport === 'sockjs' ? 'sockjs' : transport === 'websocket' ? 'websocket' : 'auto';
    this.#useSockJs = this.#transport === 'sockjs';
  }

  get status() {
    return this.#status;
  }

  get transport() {
    return this.#useSockJs ? 'SockJS' : 'WebSocket';
  }

  start() {
    const connectHeaders = {};
    if (this.#config.user) {
      // A session logged in through the page proves itself with the page's CSRF token.
      connectHeaders[this.#config.csrf.header] = this.#config.csrf.token;
    }
    this.#client = new StompJs.Client({
      webSocketFactory: () => this.#openSocket(),
      connectHeaders,
      heartbeatIncoming: 10_000,
      heartbeatOutgoing: 10_000,
      reconnectDelay: FIRST_DELAY_MS,
      onConnect: () => this.#onConnect(),
      onWebSocketClose: () => this.#onClose(),
      onStompError: (frame) => this.dispatchEvent(new CustomEvent('stomp-error', { detail: frame })),
    });
    window.addEventListener('offline', () => this.#setStatus('offline'));
    window.addEventListener('online', () => this.#setStatus(this.#client.connected ? 'live' : 'reconnecting'));
    this.#setStatus('connecting');
    this.#client.activate();
  }

  /**
   * Subscribes now if connected, and again after every reconnect, until the returned function is called.
   * onMessage gets the parsed body and the frame's headers; headers() gives the SUBSCRIBE's headers, asked
   * afresh at every (re)subscribe, so that a subscription can say where it stands (see main.js, resume).
   */
  subscribe(destination, onMessage, headers = () => ({})) {
    const entry = { destination, onMessage, headers, handle: null };
    this.#subscriptions.add(entry);
    if (this.#client?.connected) {
      entry.handle = this.#subscribeNow(entry);
    }
    return () => {
      this.#subscriptions.delete(entry);
      if (this.#client?.connected) {
        entry.handle?.unsubscribe();
      }
    };
  }

  /** Subscribes to a destination that answers once, such as a snapshot, and hands over that one answer. */
  once(destination, onMessage) {
    if (!this.#client?.connected) {
      return;
    }
    const handle = this.#client.subscribe(destination, (message) => {
      handle.unsubscribe();
      onMessage(JSON.parse(message.body));
    });
  }

  publish(destination, body) {
    if (!this.#client?.connected) {
      return false;
    }
    this.#client.publish({ destination, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    return true;
  }

  #subscribeNow(entry) {
    return this.#client.subscribe(entry.destination,
      (message) => entry.onMessage(JSON.parse(message.body), message.headers), entry.headers());
  }

  #openSocket() {
    if (this.#useSockJs) {
      return new SockJS(new URL(this.#config.endpoints.sockjs, window.location.href).href);
    }
    const url = new URL(this.#config.endpoints.websocket, window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return new WebSocket(url.href, ['v12.stomp', 'v11.stomp', 'v10.stomp']);
  }

  #onConnect() {
    this.#failures = 0;
    this.#connectedOnce = true;
    this.#client.reconnectDelay = FIRST_DELAY_MS;
    for (const entry of this.#subscriptions) {
      entry.handle = this.#subscribeNow(entry);
    }
    this.#setStatus('live');
    this.dispatchEvent(new Event('connected'));
  }

  #onClose() {
    this.#failures += 1;
    if (this.#transport === 'auto' && !this.#connectedOnce && this.#failures >= NATIVE_FAILURES_BEFORE_SOCKJS) {
      this.#useSockJs = true;
    }
    // Exponential backoff with jitter, so that a restarted server is not met by every page at once.
    const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (this.#failures - 1)) * (0.8 + Math.random() * 0.4);
    this.#client.reconnectDelay = Math.round(delay);
    this.#setStatus(navigator.onLine === false ? 'offline' : this.#connectedOnce ? 'reconnecting' : 'connecting', delay);
  }

  #setStatus(status, retryIn = 0) {
    this.#status = status;
    this.dispatchEvent(new CustomEvent('status', { detail: { status, transport: this.transport, retryIn } }));
  }
}
