// The whiteboard of one consultation (docs/whiteboard.md, "Browser side"): files go encrypted to the whiteboard
// service (whiteboard-crypto.js); the session keys, what is shown, the drawing and the pointers go only peer to
// peer over each PeerLink's `whiteboard` data channel (whiteboard-state.js has the messages and their checks).
import { getLang, t } from './i18n.js';
import * as wb from './whiteboard-crypto.js';
import { WhiteboardPanel } from './whiteboard-panel.js';
import { Surface, openDocument } from './whiteboard-render.js';
import { BoardState, ZOOMS, colorOf, isFileId, parseMessage } from './whiteboard-state.js';
import { Pen } from './whiteboard-pen.js';

const MIB = 1024 * 1024;

/**
 * @typedef {import('./peer.js').PeerLink} PeerLink
 * @typedef {import('./peer.js').PeerInfo} PeerInfo
 * @typedef {import('./whiteboard-state.js').Message} Message
 * @typedef {import('./whiteboard-render.js').Doc} Doc
 * @typedef {import('./i18n.js').MsgKey} MsgKey
 * @typedef {{ id: string, info: wb.FileInfo, meta: wb.FileMeta | null, key: CryptoKey | null }} BoardFile
 * @typedef {{
 *   section: HTMLElement, toggle: HTMLButtonElement, sessionId: string, selfId: string, ticket: string | null,
 *   onUsed: () => void,
 * }} WhiteboardOptions
 */

export class Whiteboard {
  state = new BoardState();
  /** @type {Map<string, { info: PeerInfo, channel: RTCDataChannel }>} */
  #members = new Map();
  /** Imported session keys by their text. */
  /** @type {Map<string, Promise<CryptoKey>>} */
  #keys = new Map();
  /** @type {BoardFile[]} */
  #files = [];
  /** @type {{ limits: wb.Limits, used: wb.Used } | null} */
  #quota = null;
  /** Decrypted files by id, downloaded once while they are on the whiteboard. */
  /** @type {Map<string, Promise<Blob>>} */
  #blobs = new Map();
  /** The document on screen, open (a PDF holds a pdf.js worker: only one at a time). */
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
    this.ticket = options.ticket;
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
   * The role in our ticket (common SessionTickets: `v1.<base64url JSON>.<MAC>`, role in `rol`), only to offer what
   * the service would allow; it checks for itself.
   */
  get #role() {
    try {
      return JSON.parse(new TextDecoder().decode(wb.fromBase64Url((this.ticket ?? '').split('.')[1] ?? ''))).rol ?? null;
    } catch {
      return null;
    }
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
    this.ticket = ticket;
  }

  close() {
    this.#closed = true;
    window.removeEventListener('resize', this.#onResize);
    this.pen.close();
    this.#closeDoc();
    this.#blobs.clear();
    this.#keys.clear();
    this.#members.clear();
    this.#files = [];
    this.state = new BoardState();
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

  /** Lists the files, opens the metadata of new ones with the keys we have, and shows what the view says. */
  async #refresh() {
    if (!this.ticket) {
      return;
    }
    let listing;
    try {
      listing = await wb.listFiles({ ticket: this.ticket, language: getLang() });
    } catch (e) {
      this.#fail(e);
      return;
    }
    this.#quota = { limits: listing.limits, used: listing.used };
    this.panel.setLimit(Math.floor(listing.limits.maxFileBytes / MIB));
    /** @type {BoardFile[]} */
    const next = [];
    for (const info of Array.isArray(listing.files) ? listing.files : []) {
      if (!isFileId(info?.id) || typeof info.meta !== 'string') {
        continue;
      }
      const known = this.#files.find((f) => f.id === info.id);
      next.push(known?.meta ? known : { id: info.id, info, ...(await this.#openMeta(info.meta)) });
    }
    for (const gone of this.#files.filter((f) => !next.some((n) => n.id === f.id))) {
      this.#forget(gone.id);
    }
    this.#files = next;
    this.panel.setFiles(next.map((f) => ({ id: f.id, name: f.meta?.name ?? null })), this.state.view.file);
  }

  /**
   * @param {string} meta
   * @returns {Promise<{ meta: wb.FileMeta | null, key: CryptoKey | null }>}
   */
  async #openMeta(meta) {
    for (const text of this.state.keys) {
      const key = await this.#key(text);
      try {
        return { meta: await wb.decryptMeta(key, this.options.sessionId, meta), key };
      } catch {
        // another key, or not ours at all
      }
    }
    return { meta: null, key: null };
  }

  /** @param {string} text */
  #key(text) {
    let key = this.#keys.get(text);
    if (!key) {
      key = wb.importSessionKey(text);
      this.#keys.set(text, key);
    }
    return key;
  }

  /** Shows the document and page the view names, at its zoom. */
  async #show() {
    const view = this.state.view;
    const file = view.file ? this.#files.find((f) => f.id === view.file) : null;
    if (!file?.meta || !file.key) {
      const listing = this.#work.refresh;
      /** @type {MsgKey | null} */
      let status = null;
      if (!view.file) {
        status = this.#files.length === 0 ? 'wb.empty' : null;
      } else if (!file) {
        status = listing.running || listing.dirty ? 'wb.loading' : 'wb.error.file_not_found';
      } else {
        status = 'wb.waitingForKey';
      }
      this.#pages = 0;
      this.surface.hide();
      this.panel.setDocument(null);
      this.panel.setStatus(status);
      this.panel.setFiles(this.#files.map((f) => ({ id: f.id, name: f.meta?.name ?? null })), view.file);
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
      this.panel.setFiles(this.#files.map((f) => ({ id: f.id, name: f.meta?.name ?? null })), file.id);
      this.panel.setDocument({ page, pages: doc.pages, zoom: view.zoom,
        canRemove: file.info.uploadedBy === this.options.selfId || this.#role === 'doctor' });
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
   * Opens a file for showing (downloaded and decrypted once; the document before it is closed).
   * @param {BoardFile} file
   * @returns {Promise<Doc>}
   */
  #doc(file) {
    if (this.#open?.id === file.id) {
      return this.#open.doc;
    }
    this.#closeDoc();
    let blob = this.#blobs.get(file.id);
    if (!blob) {
      const { meta, key } = /** @type {{ meta: wb.FileMeta, key: CryptoKey }} */ (file);
      blob = wb.downloadFile({ ticket: this.ticket ?? '', id: file.id, language: getLang() })
        .then(({ envelope }) => wb.decryptFile(key, this.options.sessionId, meta, envelope));
      blob.catch(() => this.#blobs.delete(file.id));
      this.#blobs.set(file.id, blob);
    }
    const doc = blob.then(openDocument);
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
    this.#blobs.delete(id);
    this.state.dropFile(id);
  }

  /** @param {File} file */
  async #upload(file) {
    this.panel.setError(null);
    const ticket = this.ticket;
    if (!ticket) {
      this.panel.setError('wb.error.unauthorized');
      return;
    }
    try {
      // Type and limits are checked before anything is encrypted or sent.
      if (wb.sniffType(new Uint8Array(await file.slice(0, 1024).arrayBuffer())) === null) {
        throw new wb.WhiteboardError('unsupported_type', 'unsupported type');
      }
      const listing = await wb.listFiles({ ticket, language: getLang() });
      this.#quota = { limits: listing.limits, used: listing.used };
      const refusal = wb.checkLimits(file.size, listing.limits, listing.used);
      if (refusal) {
        throw new wb.WhiteboardError(refusal, refusal);
      }
      this.panel.setProgress({ key: 'wb.encrypting', sent: 0 });
      const key = await this.#uploadKey();
      const encrypted = await wb.encryptFile(key, this.options.sessionId, file, file.name);
      const info = await wb.uploadFile({ ticket, file: encrypted, language: getLang(),
        onProgress: (sent, total) => this.panel.setProgress({ key: 'wb.uploading', sent: total > 0 ? sent / total : 0 }) });
      this.used();
      this.#files.push({ id: info.id, info, meta: encrypted.info, key });
      this.#broadcast({ t: 'files' });
      this.#changeView({ file: info.id, page: 1, zoom: 1 });
      this.#request('refresh');
    } catch (e) {
      this.#fail(e);
    } finally {
      this.panel.setProgress(null);
    }
  }

  /** The key to encrypt under; the first file of the session makes one and hands it to everyone. */
  async #uploadKey() {
    if (this.state.uploadKey === null) {
      const key = await wb.generateSessionKey();
      const text = await wb.exportSessionKey(key);
      this.#keys.set(text, Promise.resolve(key));
      this.state.addKeys([text]);
      this.#broadcast({ t: 'keys', keys: [...this.state.keys] });
    }
    return this.#key(/** @type {string} */ (this.state.uploadKey));
  }

  async #remove() {
    const file = this.#files.find((f) => f.id === this.state.view.file);
    if (!file || !this.ticket || !confirm(t('wb.confirmRemove', { name: file.meta?.name ?? '' }))) {
      return;
    }
    this.panel.setError(null);
    try {
      await wb.removeFile({ ticket: this.ticket, id: file.id, language: getLang() });
    } catch (e) {
      if (!(e instanceof wb.WhiteboardError && e.code === 'file_not_found')) {
        this.#fail(e);
        return;
      }
    }
    this.#forget(file.id);
    this.#files = this.#files.filter((f) => f !== file);
    this.#broadcast({ t: 'files' });
    this.#changeView({ file: this.#files.at(-1)?.id ?? null, page: 1, zoom: 1 });
    this.#request('refresh');
  }

  /**
   * Shows what went wrong, in words for people.
   * @param {unknown} e
   * @param {MsgKey} [fallback]
   */
  #fail(e, fallback = 'wb.error.unexpected') {
    const code = e instanceof wb.WhiteboardError ? e.code : '';
    const limits = this.#quota?.limits;
    /** @type {Record<string, [MsgKey, Record<string, number>?]>} */
    const known = {
      unsupported_type: ['wb.error.unsupported_type'],
      too_large: ['wb.error.too_large', { max: Math.floor((limits?.maxFileBytes ?? 0) / MIB) }],
      session_full: ['wb.error.session_full', { max: Math.floor((limits?.maxSessionBytes ?? 0) / MIB) }],
      too_many_files: ['wb.error.too_many_files', { max: limits?.maxFiles ?? 0 }],
      session_ended: ['wb.error.session_ended'],
      forbidden: ['wb.error.forbidden'],
      file_not_found: ['wb.error.file_not_found'],
      unauthorized: ['wb.error.unauthorized'],
      ticket_revoked: ['wb.error.unauthorized'],
      store_unavailable: ['wb.error.busy'],
      overloaded: ['wb.error.busy'],
      network: ['wb.error.network'],
      decrypt_failed: ['wb.error.decrypt_failed'],
    };
    const [key, params] = known[code] ?? [fallback];
    if (!known[code]) {
      console.warn('whiteboard', e instanceof Error ? e.name : e);
    }
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
