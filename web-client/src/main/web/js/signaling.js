// WebSocket client for docs/signaling-protocol.md: hello with the token in the first message (never in the URL),
// answers the server's pings, request ids matched to ok/error replies, and after a drop reconnects with
// exponential backoff and resumes (resume token + lastSeq) so the session survives; the peer connections
// do not depend on this socket and keep running meanwhile.

import { EventSequence } from './sequence.js';

const VERSION = 1;
/** Waiting for welcome after the socket opened (shorter than the server's 10 s auth timeout: a hello that got
 * lost is retried on a new socket before the server gives up on the old one). */
const WELCOME_TIMEOUT_MS = 5000;
const BACKOFF_BASE_MS = 250;
const BACKOFF_MAX_MS = 10000;
/** Messages queued while offline; beyond this the oldest go (they would be stale by then anyway). */
const OUTBOX_LIMIT = 500;

/**
 * @typedef {{ v: number, type: string, id?: string, seq?: number, data?: any }} Envelope
 * @typedef {'connecting' | 'online' | 'reconnecting' | 'closed'} LinkState
 * @typedef {{ role: string, participantId: string, resumeToken: string, resumed: boolean, heartbeatMs: number,
 *   resumeWindowMs: number, features: string[] }} Welcome
 * @typedef {{
 *   onMessage: (type: string, data: any) => void,
 *   onWelcome?: (welcome: Welcome) => void,
 *   onState?: (state: LinkState) => void,
 *   onFatal?: (code: string) => void,
 * }} Handlers
 * @typedef {{ resolve: (data: any) => void, reject: (e: Error) => void, timer: ReturnType<typeof setTimeout>,
 *   sent: boolean }} Pending
 */

/** A failed request or a dead link; `code` is the server's stable error code or a client one. */
export class SignalingError extends Error {
  /**
   * @param {string} code
   * @param {string} [message]
   */
  constructor(code, message) {
    super(message || code);
    this.name = 'SignalingError';
    this.code = code;
  }
}

/** Close codes after which reconnecting is pointless (protocol: close codes table). */
const FATAL_CLOSE = new Map([[4401, 'unauthorized'], [4403, 'token_revoked'], [4409, 'replaced']]);
/** Errors to hello after which reconnecting is pointless. */
const FATAL_HELLO = new Set(['unauthorized', 'token_revoked', 'unsupported_version']);

export function defaultUrl() {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
}

export class Signaling {
  /** @type {WebSocket | null} */
  #ws = null;
  /** @type {LinkState} */
  #state = 'connecting';
  #everOnline = false;
  #stopped = false;
  /** @type {EventSequence<Envelope & { seq: number }>} */
  #events = new EventSequence((msg) => this.handlers.onMessage(msg.type, msg.data ?? {}));
  /** @type {string | null} */
  #resumeToken = null;
  #resumeWindowMs = 30000;
  #heartbeatMs = 15000;
  #droppedAt = 0;
  #attempt = 0;
  #nextId = 1;
  /** @type {string | null} */
  #helloId = null;
  /** @type {Map<string, Pending>} */
  #pending = new Map();
  /** @type {Envelope[]} */
  #outbox = [];
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  #watchdog;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  #reconnectTimer;
  #onOnline = () => this.#reconnectNow();

  /**
   * @param {string} token bearer or guest token
   * @param {Handlers} handlers
   * @param {string} [url]
   */
  constructor(token, handlers, url = defaultUrl()) {
    this.token = token;
    this.handlers = handlers;
    this.url = url;
  }

  get state() {
    return this.#state;
  }

  start() {
    window.addEventListener('online', this.#onOnline);
    this.#open();
  }

  /**
   * Sends a request and resolves with the `ok` reply's data; rejects with SignalingError on `error` or timeout.
   * While offline the request waits in the outbox.
   * @param {string} type
   * @param {object} [data]
   * @param {number} [timeoutMs]
   * @returns {Promise<any>}
   */
  request(type, data = {}, timeoutMs = 15000) {
    const id = `c${this.#nextId++}`;
    return new Promise((resolve, reject) => {
      if (this.#state === 'closed') {
        reject(new SignalingError('closed'));
        return;
      }
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new SignalingError('timeout'));
      }, timeoutMs);
      this.#pending.set(id, { resolve, reject, timer, sent: false });
      this.#enqueue({ v: VERSION, type, id, data });
    });
  }

  /**
   * Fire and forget (signal, telemetry). Queued while offline, sent after welcome.
   * @param {string} type
   * @param {object} [data]
   */
  send(type, data = {}) {
    if (this.#state !== 'closed') {
      this.#enqueue({ v: VERSION, type, data });
    }
  }

  /** Ends the link for good (no reconnect). */
  close() {
    this.#stopped = true;
    window.removeEventListener('online', this.#onOnline);
    clearTimeout(this.#reconnectTimer);
    clearTimeout(this.#watchdog);
    const ws = this.#ws;
    this.#ws = null;
    ws?.close(1000);
    this.#events.reset();
    this.#failPending('closed');
    this.#outbox = [];
    this.#setState('closed');
  }

  #open() {
    this.#setState(this.#everOnline ? 'reconnecting' : 'connecting');
    let ws;
    try {
      ws = new WebSocket(this.url);
    } catch {
      this.#scheduleReconnect();
      return;
    }
    this.#ws = ws;
    ws.onopen = () => this.#sendHello();
    ws.onmessage = (e) => this.#receive(ws, e.data);
    ws.onclose = (e) => this.#closed(ws, e.code);
    this.#arm(ws, WELCOME_TIMEOUT_MS);
  }

  #sendHello() {
    const resume = this.#resumeToken !== null && Date.now() - this.#droppedAt < this.#resumeWindowMs;
    this.#helloId = `h${this.#nextId++}`;
    const data = resume ? { resume: this.#resumeToken, lastSeq: this.#events.lastSeq } : { token: this.token };
    this.#raw({ v: VERSION, type: 'hello', id: this.#helloId, data });
  }

  /**
   * @param {WebSocket} ws
   * @param {unknown} text
   */
  #receive(ws, text) {
    if (ws !== this.#ws || typeof text !== 'string') {
      return;
    }
    /** @type {Envelope} */
    let msg;
    try {
      msg = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof msg !== 'object' || msg === null || typeof msg.type !== 'string') {
      return;
    }
    if (this.#state === 'online') {
      // Heartbeat: no ping (or anything else) for 2 heartbeats means the link is dead.
      this.#arm(ws, 2 * this.#heartbeatMs + 1000);
    }
    if (msg.type === 'welcome') {
      this.#welcome(ws, msg);
      return;
    }
    if (typeof msg.seq === 'number') {
      this.#events.push(/** @type {Envelope & { seq: number }} */ (msg));
      return;
    }
    const data = msg.data ?? {};
    if (msg.type === 'ping') {
      this.#raw({ v: VERSION, type: 'pong', data: { t: data.t } });
    } else if (msg.type === 'error' && data.code === 'auth_timeout') {
      // The server never saw our hello on this socket: try a new one (its 4401 close is not about our token).
      this.#abandon(ws);
    } else if (msg.type === 'error' && msg.id !== undefined && msg.id === this.#helloId) {
      this.#helloFailed(ws, String(data.code));
    } else if ((msg.type === 'ok' || msg.type === 'error') && msg.id !== undefined && this.#pending.has(msg.id)) {
      const p = /** @type {Pending} */ (this.#pending.get(msg.id));
      this.#pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.type === 'ok') {
        p.resolve(data);
      } else {
        p.reject(new SignalingError(String(data.code), data.message));
      }
    } else {
      this.handlers.onMessage(msg.type, data);
    }
  }

  /**
   * @param {WebSocket} ws
   * @param {Envelope} msg
   */
  #welcome(ws, msg) {
    /** @type {Welcome} */
    const w = msg.data;
    if (!w.resumed) {
      // A fresh start: numbering is learnt anew, and requests sent before the drop will never be answered
      // (requests still in the outbox go out below).
      this.#events.reset();
      this.#failPending('disconnected', true);
    }
    this.#resumeToken = w.resumeToken ?? null;
    this.#heartbeatMs = w.heartbeatMs > 0 ? w.heartbeatMs : 15000;
    this.#resumeWindowMs = w.resumeWindowMs > 0 ? w.resumeWindowMs : 30000;
    this.#attempt = 0;
    this.#everOnline = true;
    this.#setState('online');
    this.#arm(ws, 2 * this.#heartbeatMs + 1000);
    this.handlers.onWelcome?.(w);
    const queued = this.#outbox;
    this.#outbox = [];
    for (const env of queued) {
      if (env.id === undefined || this.#pending.has(env.id)) {
        this.#raw(env); // a request that timed out meanwhile stays unsent
      }
    }
  }

  /**
   * @param {WebSocket} ws
   * @param {string} code
   */
  #helloFailed(ws, code) {
    if (code === 'invalid_resume') {
      // The resume window passed on the server side: start over as a new connection with the token.
      this.#resumeToken = null;
      this.#sendHello();
    } else if (FATAL_HELLO.has(code)) {
      this.#fatal(code);
    } else {
      this.#abandon(ws);
    }
  }

  /**
   * @param {WebSocket} ws
   * @param {number} code
   */
  #closed(ws, code) {
    if (ws !== this.#ws) {
      return;
    }
    this.#ws = null;
    clearTimeout(this.#watchdog);
    if (this.#stopped) {
      return;
    }
    const fatal = FATAL_CLOSE.get(code);
    if (fatal) {
      this.#fatal(fatal);
      return;
    }
    if (this.#state === 'online') {
      this.#droppedAt = Date.now();
    }
    this.#scheduleReconnect();
  }

  #scheduleReconnect() {
    this.#setState(this.#everOnline ? 'reconnecting' : 'connecting');
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** this.#attempt) * (0.8 + 0.4 * Math.random());
    this.#attempt++;
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = setTimeout(() => this.#open(), delay);
  }

  /** The browser reports the network back: try at once instead of waiting out the backoff. */
  #reconnectNow() {
    if (!this.#stopped && this.#ws === null && this.#state !== 'closed') {
      clearTimeout(this.#reconnectTimer);
      this.#attempt = 0;
      this.#open();
    }
  }

  /**
   * Closes a socket we gave up on without waiting for a closing handshake a dead peer never answers.
   * @param {WebSocket} ws
   */
  #abandon(ws) {
    ws.onclose = null;
    ws.onmessage = null;
    ws.close();
    this.#closed(ws, 1006);
  }

  /**
   * @param {WebSocket} ws
   * @param {number} ms
   */
  #arm(ws, ms) {
    clearTimeout(this.#watchdog);
    this.#watchdog = setTimeout(() => {
      if (ws === this.#ws) {
        this.#abandon(ws);
      }
    }, ms);
  }

  /** @param {string} code */
  #fatal(code) {
    this.#stopped = true;
    clearTimeout(this.#watchdog);
    clearTimeout(this.#reconnectTimer);
    window.removeEventListener('online', this.#onOnline);
    const ws = this.#ws;
    this.#ws = null;
    ws?.close();
    this.#events.reset();
    this.#failPending(code);
    this.#outbox = [];
    this.#setState('closed');
    this.handlers.onFatal?.(code);
  }

  /**
   * @param {string} code
   * @param {boolean} [sentOnly] only those already sent
   */
  #failPending(code, sentOnly = false) {
    for (const [id, p] of this.#pending) {
      if (!sentOnly || p.sent) {
        clearTimeout(p.timer);
        p.reject(new SignalingError(code));
        this.#pending.delete(id);
      }
    }
  }

  /** @param {Envelope} env */
  #enqueue(env) {
    if (this.#state === 'online' && this.#ws?.readyState === WebSocket.OPEN) {
      this.#raw(env);
      return;
    }
    this.#outbox.push(env);
    if (this.#outbox.length > OUTBOX_LIMIT) {
      this.#outbox.shift();
    }
  }

  /** @param {Envelope} env */
  #raw(env) {
    if (this.#ws?.readyState === WebSocket.OPEN) {
      this.#ws.send(JSON.stringify(env));
      const p = env.id === undefined ? undefined : this.#pending.get(env.id);
      if (p) {
        p.sent = true;
      }
    }
  }

  /** @param {LinkState} state */
  #setState(state) {
    if (this.#state !== state) {
      this.#state = state;
      this.handlers.onState?.(state);
    }
  }
}
