// The whiteboard's shared state and its data-channel messages (docs/whiteboard.md, "Browser side"): the session
// keys, what is shown (document, page, zoom), and the drawing. No DOM and no network here, so it runs on Node
// too: every message from a peer is checked by parseMessage before it touches the state, and every list in the
// state is bounded. Members converge without a coordinator: keys are a set, the view is last-writer-wins by
// (rev, by), strokes are keyed by id, and a page's clear is an epoch that only grows.

/** Longest message on the whiteboard channel (characters of JSON); longer ones are dropped unread. */
export const MAX_MESSAGE_CHARS = 16 * 1024;
/** Keys a member keeps at most: more than one appears only when two members put up a first file at once. */
export const MAX_KEYS = 8;
/** Zoom factors members can choose; 1 fits the page to the width of the panel. */
export const ZOOMS = Object.freeze([0.5, 0.75, 1, 1.25, 1.5, 2, 3]);
/** Coordinates on a page are integers 0..COORD_MAX (x from the left, y from the top), whatever the zoom. */
export const COORD_MAX = 10000;
/** Points per ink message. */
export const CHUNK_POINTS = 128;
export const MAX_STROKE_POINTS = 4000;
export const MAX_STROKES_PER_PAGE = 500;
/** Points of all strokes together (memory and redraw time stay bounded whatever peers send). */
export const MAX_POINTS = 200000;
export const COLORS = 6;
export const MAX_PAGE = 100000;
/** Pages with drawings (or clears) kept at most. */
export const MAX_PAGES = 2000;

const FILE_ID = /^[A-Za-z0-9_-]{22}$/;
const MEMBER_ID = /^[A-Za-z0-9_-]{1,64}$/;
const STROKE_ID = /^[A-Za-z0-9_-]{1,24}\.\d{1,7}$/;
const KEY = /^[A-Za-z0-9_-]{43}$/;
const MAX_REV = 2 ** 31;

/**
 * @typedef {{ file: string | null, page: number, zoom: number, rev: number, by: string }} View
 * @typedef {{ t: 'keys', keys: string[] }} KeysMessage
 * @typedef {{ t: 'view' } & View} ViewMessage
 * @typedef {{ t: 'files' }} FilesMessage
 * @typedef {{ t: 'ink', id: string, file: string, page: number, epoch: number, color: number, from: number,
 *   pts: number[] }} InkMessage  pts: x0, y0, x1, y1, ... from: index of the first point in the stroke
 * @typedef {{ t: 'clear', file: string, page: number, epoch: number }} ClearMessage
 * @typedef {{ t: 'pointer', file: string, page: number, x: number, y: number } | { t: 'pointer', hide: true }} PointerMessage
 * @typedef {KeysMessage | ViewMessage | FilesMessage | InkMessage | ClearMessage | PointerMessage} Message
 * @typedef {{ id: string, color: number, epoch: number, pts: number[] }} Stroke
 * @typedef {{ epoch: number, strokes: Map<string, Stroke> }} Page
 */

/**
 * Whether a value is a whiteboard file id (as the service makes them; safe in URLs and messages).
 * @param {unknown} v
 * @returns {v is string}
 */
export const isFileId = (v) => typeof v === 'string' && FILE_ID.test(v);

/**
 * A member's colour (index into the palette), the same on every screen.
 * @param {string} id
 */
export function colorOf(id) {
  let hash = 0;
  for (const c of id) {
    hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  }
  return hash % COLORS;
}

/** @param {unknown} v @param {number} min @param {number} max */
const int = (v, min, max) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
/** @param {unknown} v */
const coord = (v) => int(v, 0, COORD_MAX);

/**
 * A message from a peer, checked field by field; null for anything else (unknown type, extra size, bad values).
 * @param {unknown} text what the data channel delivered
 * @returns {Message | null}
 */
export function parseMessage(text) {
  if (typeof text !== 'string' || text.length > MAX_MESSAGE_CHARS) {
    return null;
  }
  /** @type {any} */
  let m;
  try {
    m = JSON.parse(text);
  } catch {
    return null;
  }
  if (!m || typeof m !== 'object' || Array.isArray(m)) {
    return null;
  }
  switch (m.t) {
    case 'keys':
      return Array.isArray(m.keys) && m.keys.length <= MAX_KEYS && m.keys.every((/** @type {unknown} */ k) => typeof k === 'string' && KEY.test(k))
        ? { t: 'keys', keys: [...m.keys] } : null;
    case 'view':
      return (m.file === null || isFileId(m.file)) && int(m.page, 1, MAX_PAGE) && ZOOMS.includes(m.zoom)
        && int(m.rev, 1, MAX_REV) && typeof m.by === 'string' && MEMBER_ID.test(m.by)
        ? { t: 'view', file: m.file, page: m.page, zoom: m.zoom, rev: m.rev, by: m.by } : null;
    case 'files':
      return { t: 'files' };
    case 'ink':
      return typeof m.id === 'string' && STROKE_ID.test(m.id) && isFileId(m.file) && int(m.page, 1, MAX_PAGE)
        && int(m.epoch, 0, MAX_REV) && int(m.color, 0, COLORS - 1) && int(m.from, 0, MAX_STROKE_POINTS - 1)
        && Array.isArray(m.pts) && m.pts.length >= 2 && m.pts.length <= 2 * CHUNK_POINTS && m.pts.length % 2 === 0
        && m.pts.every(coord)
        ? { t: 'ink', id: m.id, file: m.file, page: m.page, epoch: m.epoch, color: m.color, from: m.from, pts: [...m.pts] } : null;
    case 'clear':
      return isFileId(m.file) && int(m.page, 1, MAX_PAGE) && int(m.epoch, 1, MAX_REV)
        ? { t: 'clear', file: m.file, page: m.page, epoch: m.epoch } : null;
    case 'pointer':
      if (m.hide === true) {
        return { t: 'pointer', hide: true };
      }
      return isFileId(m.file) && int(m.page, 1, MAX_PAGE) && coord(m.x) && coord(m.y)
        ? { t: 'pointer', file: m.file, page: m.page, x: m.x, y: m.y } : null;
    default:
      return null;
  }
}

/**
 * @param {string} file
 * @param {number} page
 */
const pageKey = (file, page) => `${file}|${page}`;

export class BoardState {
  /** Session keys as base64url text (whiteboard-crypto.js exportSessionKey). */
  /** @type {Set<string>} */
  keys = new Set();
  /** @type {View} */
  view = { file: null, page: 1, zoom: 1, rev: 0, by: '' };
  /** @type {Map<string, Page>} */
  pages = new Map();
  points = 0;

  /**
   * Adds keys; beyond MAX_KEYS the smallest are kept, so every member keeps the same ones.
   * @param {string[]} keys
   * @returns {boolean} whether a key was new
   */
  addKeys(keys) {
    const before = [...this.keys].sort().join();
    this.keys = new Set([...this.keys, ...keys.filter((k) => KEY.test(k))].sort().slice(0, MAX_KEYS));
    return [...this.keys].sort().join() !== before;
  }

  /** The key new files are encrypted under: the smallest, the same on every member once keys have spread. */
  get uploadKey() {
    return [...this.keys].sort()[0] ?? null;
  }

  /**
   * Takes a view when it is newer than ours: higher rev, or the same rev from a larger member id.
   * @param {View} v
   * @returns {boolean} whether it was taken
   */
  applyView(v) {
    const cur = this.view;
    if (v.rev < cur.rev || (v.rev === cur.rev && v.by <= cur.by)) {
      return false;
    }
    this.view = { file: v.file, page: v.page, zoom: v.zoom, rev: v.rev, by: v.by };
    return true;
  }

  /**
   * Our own change of the view: takes it and returns the message for the others.
   * @param {Partial<Pick<View, 'file' | 'page' | 'zoom'>>} change
   * @param {string} self our member id
   * @returns {ViewMessage}
   */
  changeView(change, self) {
    const v = { ...this.view, ...change, rev: this.view.rev + 1, by: self };
    this.view = v;
    return { t: 'view', ...v };
  }

  /**
   * @param {string} file
   * @param {number} page
   * @returns {Page | null} null when no more pages can be kept
   */
  page(file, page) {
    const key = pageKey(file, page);
    let p = this.pages.get(key);
    if (!p && this.pages.size < MAX_PAGES) {
      p = { epoch: 0, strokes: new Map() };
      this.pages.set(key, p);
    }
    return p ?? null;
  }

  /**
   * @param {string} file
   * @param {number} page
   * @returns {Stroke[]}
   */
  strokes(file, page) {
    return [...(this.pages.get(pageKey(file, page))?.strokes.values() ?? [])];
  }

  /**
   * Writes a stroke's points from index `from` on (a repeat of points already known changes nothing).
   * @param {InkMessage} m
   * @returns {boolean} whether the drawing changed
   */
  applyInk(m) {
    const p = this.page(m.file, m.page);
    if (!p || m.epoch < p.epoch) {
      return false; // drawn before a clear
    }
    const raised = m.epoch > p.epoch && this.#raise(p, m.epoch); // the drawer saw a clear that has not reached us yet
    let s = p.strokes.get(m.id);
    if (!s) {
      if (m.from !== 0 || p.strokes.size >= MAX_STROKES_PER_PAGE || this.points >= MAX_POINTS) {
        return raised;
      }
      s = { id: m.id, color: m.color, epoch: m.epoch, pts: [] };
      p.strokes.set(m.id, s);
    }
    const at = 2 * m.from;
    if (at > s.pts.length) {
      return raised; // a gap: never on an ordered channel from the drawer
    }
    const room = Math.min(2 * MAX_STROKE_POINTS - at, m.pts.length, s.pts.length - at + 2 * (MAX_POINTS - this.points));
    const before = s.pts.length;
    for (let i = 0; i < room; i++) {
      s.pts[at + i] = m.pts[i];
    }
    this.points += (s.pts.length - before) / 2;
    return raised || room > 0;
  }

  /**
   * Removes every stroke of the page drawn before `epoch`.
   * @param {ClearMessage} m
   * @returns {boolean} whether the drawing changed
   */
  applyClear(m) {
    const p = this.page(m.file, m.page);
    return !!p && m.epoch > p.epoch && this.#raise(p, m.epoch);
  }

  /**
   * Our own clear of a page: applies it and returns the message for the others.
   * @param {string} file
   * @param {number} page
   * @returns {ClearMessage}
   */
  clear(file, page) {
    const m = { t: /** @type {const} */ ('clear'), file, page, epoch: (this.page(file, page)?.epoch ?? 0) + 1 };
    this.applyClear(m);
    return m;
  }

  /**
   * Forgets a removed file's drawings.
   * @param {string} file
   */
  dropFile(file) {
    for (const [key, p] of this.pages) {
      if (key.startsWith(`${file}|`)) {
        this.#raise(p, Number.MAX_SAFE_INTEGER);
        this.pages.delete(key);
      }
    }
  }

  /**
   * Everything a member who just connected needs from us, as messages of bounded size.
   * @returns {Message[]}
   */
  syncMessages() {
    /** @type {Message[]} */
    const out = [];
    if (this.keys.size > 0) {
      out.push({ t: 'keys', keys: [...this.keys] });
    }
    if (this.view.rev > 0) {
      out.push({ t: 'view', ...this.view });
    }
    for (const [key, p] of this.pages) {
      const [file, page] = [key.slice(0, key.indexOf('|')), Number(key.slice(key.indexOf('|') + 1))];
      if (p.epoch > 0) {
        out.push({ t: 'clear', file, page, epoch: p.epoch });
      }
      for (const s of p.strokes.values()) {
        for (let from = 0; 2 * from < s.pts.length; from += CHUNK_POINTS) {
          out.push({ t: 'ink', id: s.id, file, page, epoch: s.epoch, color: s.color, from,
            pts: s.pts.slice(2 * from, 2 * (from + CHUNK_POINTS)) });
        }
      }
    }
    return out;
  }

  /**
   * @param {Page} p
   * @param {number} epoch
   * @returns {boolean} whether a stroke went
   */
  #raise(p, epoch) {
    p.epoch = epoch;
    let removed = false;
    for (const [id, s] of p.strokes) {
      if (s.epoch < epoch) {
        this.points -= s.pts.length / 2;
        p.strokes.delete(id);
        removed = true;
      }
    }
    return removed;
  }
}
