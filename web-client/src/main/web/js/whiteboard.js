// The whiteboard of one consultation (docs/whiteboard.md, "Browser side"): files go encrypted to the whiteboard
// service (whiteboard-files.js, whiteboard-crypto.js); the session keys, what is shown, the drawing and the
// pointers go only peer to peer over each PeerLink's `whiteboard` data channel (whiteboard-state.js has the
// messages and their checks).
import { t } from './i18n.js';
import { BoardFiles } from './whiteboard-files.js';
import { WhiteboardPanel } from './whiteboard-panel.js';
import { Pen } from './whiteboard-pen.js';
import { Surface, openDocument, stopPdfWorker } from './whiteboard-render.js';
import { BoardState, ZOOMS, colorOf, isFileId, parseMessage } from './whiteboard-state.js';

/**
 * @typedef {import('./peer.js').PeerLink} PeerLink
 * @typedef {import('./peer.js').PeerInfo} PeerInfo
 * @typedef {import('./whiteboard-state.js').Message} Message
 * @typedef {import('./whiteboard-render.js').Doc} Doc
 * @typedef {import('./i18n.js').MsgKey} MsgKey
 * @typedef {{
 *   section: HTMLElement, toggle: HTMLButtonElement, sessionId: string, selfId: string, ticket: string | null,
 *   onUsed: () => void,
 * }} WhiteboardOptions
 */

export class Whiteboard {
  state = new BoardState();
  /** @type {Map<string, { info: PeerInfo, channel: RTCDataChannel }>} */
  #members = new Map();
  /** The document on screen, open (only one at a time: a PDF holds memory in pdf.js's worker). */
  /** @type {{ id: string, doc: Promise<Doc> } | null} */
  #open = null;
  /** Pages of the document on screen (0: none). */
  #pages = 0;
  #reported = false;
  #closed = false;
  /** Coalescing loops: a request while one runs makes it run once more. */
  #work = { show: { dirty: false, running: false }, refresh: { dirty: false, running: false } };
  #onResize = () => this.#request('show');

  /** @param {WhiteboardOptions} options */
  constructor(options) {
    this.options = options;
    this.files = new BoardFiles(options.sessionId, this.state);
    this.files.ticket = options.ticket;
    this.surface = new Surface();
    this.panel = new WhiteboardPanel(options.section, options.toggle, this.surface.page, {
      upload: (file) => void this.#upload(file),
      select: (id) => isFileId(id) && this.#changeView({ file: id, page: 1, zoom: 1 }),
      page: (delta) => this.#pages > 0 && this.#changeView({ page: Math.min(this.#pages, Math.max(1, this.state.view.page + delta)) }),
      zoom: (delta) => this.#changeView({ zoom: ZOOMS[Math.min(ZOOMS.length - 1, Math.max(0, ZOOMS.indexOf(this.state.view.zoom) + delta))] }),
      tool: (tool) => {
        this.pen.tool = tool;
        this.panel.setTool(tool);
      },
      clear: () => {
        const { file, page } = this.state.view;
        if (file) {
          this.#broadcast(this.state.clear(file, page));
          this.drawInk();
        }
      },
      remove: () => void this.#remove(),
      opened: (open) => open && this.#request('show'),
    });
    this.pen = new Pen(this, colorOf(options.selfId));
    window.addEventListener('resize', this.#onResize);
    this.#request('refresh');
  }

  /**
   * Starts talking with a member over its link's whiteboard channel.
   * @param {PeerLink} link
   */
  addLink(link) {
    const id = link.info.participantId;
    const channel = link.whiteboardChannel;
    this.#members.set(id, { info: link.info, channel });
    channel.addEventListener('open', () => this.#sync(channel));
    channel.addEventListener('message', ({ data }) => this.#receive(id, data));
    if (channel.readyState === 'open') {
      this.#sync(channel);
    }
  }

  /** @param {string} id */
  removeLink(id) {
    this.#members.delete(id);
    this.pen.dropPointer(id);
  }

  /** @param {string | null} ticket a fresh one from a `session` message */
  setTicket(ticket) {
    this.files.ticket = ticket;
  }

  close() {
    this.#closed = true;
    window.removeEventListener('resize', this.#onResize);
    this.pen.close();
    this.#closeDoc();
    stopPdfWorker();
    this.files.clear();
    this.#members.clear();
  }

  /** @param {Message} message */
  broadcast(message) {
    this.#broadcast(message);
  }

  /** Our first stroke or file in this session counts for the statistics (once; the name of nothing). */
  used() {
    if (!this.#reported) {
      this.#reported = true;
      this.options.onUsed();
    }
  }

  /** Redraws the strokes of the page on screen. */
  drawInk() {
    const { file, page } = this.state.view;
    if (file && this.surface.doc.dataset.rendered) {
      this.surface.drawInk(this.state.strokes(file, page));
    }
  }

  /** @param {Message} message */
  #broadcast(message) {
    const text = JSON.stringify(message);
    for (const { channel } of this.#members.values()) {
      send(channel, text);
    }
  }

  /**
   * Hands a member who just connected everything we know (it does the same for us; the state merges).
   * @param {RTCDataChannel} channel
   */
  #sync(channel) {
    for (const m of this.state.syncMessages()) {
      send(channel, JSON.stringify(m));
    }
  }

  /**
   * @param {string} from
   * @param {unknown} data
   */
  #receive(from, data) {
    const m = parseMessage(data);
    if (!m || this.#closed) {
      return;
    }
    const view = this.state.view;
    switch (m.t) {
      case 'keys':
        if (this.state.addKeys(m.keys)) {
          this.#request('refresh');
        }
        break;
      case 'view':
        if (this.state.applyView(m)) {
          if (m.file) {
            this.panel.open(true); // a document put up by someone else shows at once
          }
          this.#request('show');
        }
        break;
      case 'files':
        this.#request('refresh');
        break;
      case 'ink':
      case 'clear':
        if ((m.t === 'ink' ? this.state.applyInk(m) : this.state.applyClear(m)) && m.file === view.file && m.page === view.page) {
          this.pen.scheduleInk();
        }
        break;
      case 'pointer':
        this.pen.setPointer(from, m, this.#members.get(from)?.info.name ?? '');
        break;
      default:
        break;
    }
  }

  /**
   * Our change of what is shown, for everyone.
   * @param {Partial<Pick<import('./whiteboard-state.js').View, 'file' | 'page' | 'zoom'>>} change
   */
  #changeView(change) {
    this.#broadcast(this.state.changeView(change, this.options.selfId));
    this.#request('show');
  }

  /** @param {'show' | 'refresh'} what */
  #request(what) {
    const w = this.#work[what];
    w.dirty = true;
    if (w.running) {
      return;
    }
    w.running = true;
    void (async () => {
      try {
        while (w.dirty && !this.#closed) {
          w.dirty = false;
          await (what === 'show' ? this.#show() : this.#refresh());
        }
      } finally {
        w.running = false;
      }
      if (what === 'refresh') {
        this.#request('show'); // after the list is current: a file still missing from it is really gone
      }
    })();
  }

  /** Lists the files, opens the metadata of new ones with the keys we have (then the loop shows the view). */
  async #refresh() {
    if (!this.files.ticket) {
      return;
    }
    try {
      for (const id of await this.files.refresh()) {
        this.#forget(id);
      }
    } catch (e) {
      this.#fail(e);
      return;
    }
    const max = this.files.maxFileMegabytes;
    if (max !== null) {
      this.panel.setLimit(max);
    }
    this.#listFiles();
  }

  #listFiles() {
    this.panel.setFiles(this.files.list.map((f) => ({ id: f.id, name: f.meta?.name ?? null })), this.state.view.file);
  }

  /** Shows the document and page the view names, at its zoom. */
  async #show() {
    const view = this.state.view;
    const file = this.files.get(view.file);
    if (!file?.meta || !file.key) {
      const listing = this.#work.refresh;
      /** @type {MsgKey | null} */
      let status = null;
      if (!view.file) {
        status = this.files.list.length === 0 ? 'wb.empty' : null;
      } else if (!file) {
        status = listing.running || listing.dirty ? 'wb.loading' : 'wb.error.file_not_found';
      } else {
        status = 'wb.waitingForKey';
      }
      this.#pages = 0;
      this.surface.hide();
      this.panel.setDocument(null);
      this.panel.setStatus(status);
      this.#listFiles();
      return;
    }
    if (!this.panel.isOpen) {
      return; // drawn when opened
    }
    try {
      if (this.#open?.id !== file.id) {
        this.panel.setStatus('wb.loading');
      }
      const doc = await this.#doc(file);
      const page = Math.min(view.page, doc.pages);
      await this.surface.show(doc, page, this.panel.fitWidth() * view.zoom);
      this.#pages = doc.pages;
      this.panel.setStatus(null);
      this.#listFiles();
      this.panel.setDocument({ page, pages: doc.pages, zoom: view.zoom,
        canRemove: file.info.uploadedBy === this.options.selfId || this.files.role === 'doctor' });
      this.panel.setZoomBounds({ zoomOut: view.zoom > ZOOMS[0], zoomIn: view.zoom < ZOOMS[ZOOMS.length - 1] });
      this.drawInk();
      this.pen.renderPointers();
    } catch (e) {
      if (!(e instanceof Error && e.name === 'RenderingCancelledException')) {
        this.#fail(e, 'wb.error.render');
      }
    }
  }

  /**
   * Opens a file for showing (the document before it is closed).
   * @param {import('./whiteboard-files.js').BoardFile} file
   * @returns {Promise<Doc>}
   */
  #doc(file) {
    if (this.#open?.id === file.id) {
      return this.#open.doc;
    }
    this.#closeDoc();
    const doc = this.files.blob(file).then(openDocument);
    doc.catch(() => {
      if (this.#open?.doc === doc) {
        this.#open = null;
      }
    });
    this.#open = { id: file.id, doc };
    return doc;
  }

  #closeDoc() {
    void this.#open?.doc.then((d) => d.close(), () => {});
    this.#open = null;
  }

  /** @param {string} id a file that left the whiteboard */
  #forget(id) {
    if (this.#open?.id === id) {
      this.#closeDoc();
    }
    this.state.dropFile(id);
  }

  /** @param {File} file */
  async #upload(file) {
    this.panel.setError(null);
    if (!this.files.ticket) {
      this.panel.setError('wb.error.unauthorized');
      return;
    }
    try {
      const added = await this.files.upload(file, {
        onEncrypting: () => this.panel.setProgress({ key: 'wb.encrypting', sent: 0 }),
        onProgress: (sent) => this.panel.setProgress({ key: 'wb.uploading', sent }),
        onNewKey: (keys) => this.#broadcast({ t: 'keys', keys }),
      });
      this.used();
      this.#broadcast({ t: 'files' });
      this.#changeView({ file: added.id, page: 1, zoom: 1 });
      this.#request('refresh');
    } catch (e) {
      this.#fail(e);
    } finally {
      this.panel.setProgress(null);
    }
  }

  async #remove() {
    const file = this.files.get(this.state.view.file);
    if (!file || !confirm(t('wb.confirmRemove', { name: file.meta?.name ?? '' }))) {
      return;
    }
    this.panel.setError(null);
    try {
      await this.files.remove(file);
    } catch (e) {
      this.#fail(e);
      return;
    }
    this.#forget(file.id);
    this.#broadcast({ t: 'files' });
    this.#changeView({ file: this.files.list.at(-1)?.id ?? null, page: 1, zoom: 1 });
    this.#request('refresh');
  }

  /**
   * Shows what went wrong, in words for people.
   * @param {unknown} e
   * @param {MsgKey} [fallback]
   */
  #fail(e, fallback = 'wb.error.unexpected') {
    const [key, params] = this.files.describe(e, fallback);
    this.panel.setStatus(null);
    this.panel.setError(key, params);
  }
}

/**
 * @param {RTCDataChannel} channel
 * @param {string} text
 */
function send(channel, text) {
  if (channel.readyState === 'open') {
    try {
      channel.send(text);
    } catch {
      // closing meanwhile: the member gets everything again when it reconnects
    }
  }
}
