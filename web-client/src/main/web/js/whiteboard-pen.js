// Pointer and pen on the whiteboard page: our strokes (drawn at once, sent to the others in chunks a few times
// a second) and our pointer (at most 20 positions a second), and the others' pointers. Everything here goes
// peer to peer over the whiteboard channel (Whiteboard.broadcast), never to a server.
import { toBase64Url } from './whiteboard-crypto.js';
import { CHUNK_POINTS, MAX_STROKE_POINTS, colorOf } from './whiteboard-state.js';

const INK_FLUSH_MS = 40;
const POINTER_INTERVAL_MS = 50;
/** A pointer that has not moved this long disappears (its member may have left the page without telling). */
const POINTER_STALE_MS = 5000;

/**
 * @typedef {import('./whiteboard.js').Whiteboard} Whiteboard
 * @typedef {import('./whiteboard-panel.js').Tool} Tool
 * @typedef {{ id: string, file: string, page: number, epoch: number, n: number, sent: number, x: number, y: number }} LiveStroke
 * @typedef {{ x: number, y: number, file: string, page: number, name: string, color: number, at: number }} RemotePointer
 */

export class Pen {
  /** @type {Tool} */
  #tool = 'pointer';
  /** Stroke ids are `tag.n`: the tag is new on every page load, so a member who reloads never reuses an id. */
  #tag = toBase64Url(crypto.getRandomValues(new Uint8Array(9)));
  #seq = 0;
  /** @type {LiveStroke | null} */
  #live = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  #flushTimer;
  #inkFrame = 0;
  /** @type {Map<string, RemotePointer>} */
  #pointers = new Map();
  /** @type {ReturnType<typeof setInterval> | undefined} */
  #staleTimer;
  #pointerSentAt = 0;
  #pointerShown = false;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  #pointerTimer;
  /** @type {{ x: number, y: number } | null} */
  #pendingPointer = null;

  /**
   * @param {Whiteboard} board
   * @param {number} color our colour
   */
  constructor(board, color) {
    this.board = board;
    this.color = color;
    const ink = board.surface.ink;
    ink.addEventListener('pointerdown', (e) => this.#down(e));
    ink.addEventListener('pointermove', (e) => this.#move(e));
    ink.addEventListener('pointerup', (e) => this.#up(e));
    ink.addEventListener('pointercancel', (e) => this.#up(e));
    ink.addEventListener('pointerleave', () => this.#hidePointer());
  }

  get tool() {
    return this.#tool;
  }

  /** @param {Tool} tool */
  set tool(tool) {
    this.#tool = tool;
    if (tool === 'pen') {
      this.#hidePointer();
    }
  }

  /** Redraws the strokes at the next frame (many ink messages in a row cost one redraw). */
  scheduleInk() {
    if (this.#inkFrame === 0) {
      this.#inkFrame = requestAnimationFrame(() => {
        this.#inkFrame = 0;
        this.board.drawInk();
      });
    }
  }

  /**
   * A member's pointer moved or went.
   * @param {string} from
   * @param {import('./whiteboard-state.js').PointerMessage} m
   * @param {string} name
   */
  setPointer(from, m, name) {
    if ('hide' in m) {
      this.#pointers.delete(from);
    } else {
      this.#pointers.set(from, { x: m.x, y: m.y, file: m.file, page: m.page, name, color: colorOf(from), at: Date.now() });
      this.#staleTimer ??= setInterval(() => this.#dropStale(), 1000);
    }
    this.renderPointers();
  }

  /** @param {string} id */
  dropPointer(id) {
    if (this.#pointers.delete(id)) {
      this.renderPointers();
    }
  }

  renderPointers() {
    const { file, page } = this.board.state.view;
    this.board.surface.showPointers([...this.#pointers.values()].filter((p) => p.file === file && p.page === page));
  }

  close() {
    clearTimeout(this.#flushTimer);
    clearTimeout(this.#pointerTimer);
    clearInterval(this.#staleTimer);
    cancelAnimationFrame(this.#inkFrame);
    this.#live = null;
    this.#pointers.clear();
  }

  /** @param {PointerEvent} e */
  #down(e) {
    const { file, page } = this.board.state.view;
    if (this.tool !== 'pen' || e.button !== 0 || !file || !this.board.surface.doc.dataset.rendered) {
      return;
    }
    e.preventDefault();
    this.board.surface.ink.setPointerCapture(e.pointerId);
    const epoch = this.board.state.page(file, page)?.epoch;
    if (epoch === undefined) {
      this.board.panel.setError('wb.drawingFull');
      return;
    }
    this.#live = { id: `${this.#tag}.${++this.#seq}`, file, page, epoch, n: 0, sent: 0, x: -1, y: -1 };
    this.#add(e);
  }

  /** @param {PointerEvent} e */
  #move(e) {
    if (this.#live) {
      // Fast strokes: the browser merges moves into one event; the merged ones keep the line smooth.
      for (const each of e.getCoalescedEvents?.() ?? [e]) {
        this.#add(each);
      }
    } else if (this.tool === 'pointer') {
      this.#pointer(e);
    }
  }

  /** @param {PointerEvent} e */
  #up(e) {
    if (this.#live) {
      this.#add(e);
      this.#flush();
      this.#live = null;
    }
  }

  /** @param {PointerEvent} e */
  #add(e) {
    const live = /** @type {LiveStroke} */ (this.#live);
    const { x, y } = this.board.surface.toPage(e);
    if (x === live.x && y === live.y) {
      return;
    }
    const m = { t: /** @type {const} */ ('ink'), id: live.id, file: live.file, page: live.page, epoch: live.epoch,
      color: this.color, from: live.n, pts: [x, y] };
    if (live.n >= MAX_STROKE_POINTS || !this.board.state.applyInk(m)) {
      if (live.n === 0) {
        this.board.panel.setError('wb.drawingFull');
      }
      this.#flush();
      this.#live = null;
      return;
    }
    live.n++;
    live.x = x;
    live.y = y;
    this.board.used();
    this.scheduleInk();
    this.#flushTimer ??= setTimeout(() => {
      this.#flushTimer = undefined;
      this.#flush();
    }, INK_FLUSH_MS);
  }

  /** Sends the points of the live stroke the others do not have yet. */
  #flush() {
    const live = this.#live;
    if (!live) {
      return;
    }
    const stroke = this.board.state.page(live.file, live.page)?.strokes.get(live.id);
    while (stroke && live.sent < live.n) {
      const pts = stroke.pts.slice(2 * live.sent, 2 * Math.min(live.n, live.sent + CHUNK_POINTS));
      if (pts.length === 0) {
        break;
      }
      this.board.broadcast({ t: 'ink', id: live.id, file: live.file, page: live.page, epoch: live.epoch,
        color: this.color, from: live.sent, pts });
      live.sent += pts.length / 2;
    }
  }

  /** @param {PointerEvent} e */
  #pointer(e) {
    if (!this.board.state.view.file || !this.board.surface.doc.dataset.rendered) {
      return;
    }
    this.#pendingPointer = this.board.surface.toPage(e);
    const wait = this.#pointerSentAt + POINTER_INTERVAL_MS - performance.now();
    if (wait <= 0) {
      this.#sendPointer();
    } else {
      this.#pointerTimer ??= setTimeout(() => this.#sendPointer(), wait);
    }
  }

  #sendPointer() {
    clearTimeout(this.#pointerTimer);
    this.#pointerTimer = undefined;
    const { file, page } = this.board.state.view;
    const at = this.#pendingPointer;
    if (!at || !file) {
      return;
    }
    this.#pendingPointer = null;
    this.#pointerSentAt = performance.now();
    this.#pointerShown = true;
    this.board.broadcast({ t: 'pointer', file, page, x: at.x, y: at.y });
  }

  #hidePointer() {
    clearTimeout(this.#pointerTimer);
    this.#pointerTimer = undefined;
    this.#pendingPointer = null;
    if (this.#pointerShown) {
      this.#pointerShown = false;
      this.board.broadcast({ t: 'pointer', hide: true });
    }
  }

  #dropStale() {
    const old = Date.now() - POINTER_STALE_MS;
    let changed = false;
    for (const [id, p] of this.#pointers) {
      if (p.at < old) {
        this.#pointers.delete(id);
        changed = true;
      }
    }
    if (this.#pointers.size === 0) {
      clearInterval(this.#staleTimer);
      this.#staleTimer = undefined;
    }
    if (changed) {
      this.renderPointers();
    }
  }
}
