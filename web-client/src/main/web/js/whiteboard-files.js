// The whiteboard's files as this member sees them: listed by the whiteboard service (encrypted), opened here
// with the session keys (whiteboard-crypto.js), uploaded after the type and limit checks, removed. The keys
// themselves come and go over the data channel (whiteboard.js); they are kept here only as imported CryptoKeys.
import { getLang } from './i18n.js';
import * as wb from './whiteboard-crypto.js';
import { isFileId } from './whiteboard-state.js';

const MIB = 1024 * 1024;

/**
 * @typedef {import('./whiteboard-state.js').BoardState} BoardState
 * @typedef {import('./i18n.js').MsgKey} MsgKey
 * @typedef {{ id: string, info: wb.FileInfo, meta: wb.FileMeta | null, key: CryptoKey | null }} BoardFile
 *   meta and key null: no key we know opens it (yet)
 */

export class BoardFiles {
  /** Oldest first, as the service lists them. */
  /** @type {BoardFile[]} */
  list = [];
  /** @type {{ limits: wb.Limits, used: wb.Used } | null} */
  quota = null;
  /** @type {string | null} */
  ticket = null;
  /** Imported session keys by their text. */
  /** @type {Map<string, Promise<CryptoKey>>} */
  #keys = new Map();
  /** Decrypted files, downloaded once while they are on the whiteboard. */
  /** @type {Map<string, Promise<Blob>>} */
  #blobs = new Map();

  /**
   * @param {string} sessionId
   * @param {BoardState} state the shared state, for its keys
   */
  constructor(sessionId, state) {
    this.sessionId = sessionId;
    this.state = state;
  }

  /**
   * The role in our ticket (common SessionTickets: `v1.<base64url JSON>.<MAC>`, role in `rol`), only to offer what
   * the service would allow; it checks for itself.
   * @returns {string | null}
   */
  get role() {
    try {
      return JSON.parse(new TextDecoder().decode(wb.fromBase64Url((this.ticket ?? '').split('.')[1] ?? ''))).rol ?? null;
    } catch {
      return null;
    }
  }

  /**
   * Lists the files again and opens the metadata of those not open yet with the keys we know.
   * @returns {Promise<string[]>} ids of files that are gone
   */
  async refresh() {
    const listing = await wb.listFiles({ ticket: this.ticket ?? '', language: getLang() });
    this.quota = { limits: listing.limits, used: listing.used };
    /** @type {BoardFile[]} */
    const next = [];
    for (const info of Array.isArray(listing.files) ? listing.files : []) {
      if (!isFileId(info?.id) || typeof info.meta !== 'string') {
        continue;
      }
      const known = this.list.find((f) => f.id === info.id);
      next.push(known?.meta ? known : { id: info.id, info, ...(await this.#openMeta(info.meta)) });
    }
    const gone = this.list.filter((f) => !next.some((n) => n.id === f.id)).map((f) => f.id);
    gone.forEach((id) => this.#blobs.delete(id));
    this.list = next;
    return gone;
  }

  /** @param {string | null} id */
  get(id) {
    return this.list.find((f) => f.id === id) ?? null;
  }

  /**
   * The decrypted file (its type checked against its bytes), downloaded once.
   * @param {BoardFile} file one with meta and key
   * @returns {Promise<Blob>}
   */
  blob(file) {
    let blob = this.#blobs.get(file.id);
    if (!blob) {
      const { meta, key } = /** @type {{ meta: wb.FileMeta, key: CryptoKey }} */ (file);
      blob = wb.downloadFile({ ticket: this.ticket ?? '', id: file.id, language: getLang() })
        .then(({ envelope }) => wb.decryptFile(key, this.sessionId, meta, envelope));
      blob.catch(() => this.#blobs.delete(file.id));
      this.#blobs.set(file.id, blob);
    }
    return blob;
  }

  /**
   * Checks type (first bytes) and limits (with fresh numbers) before anything is encrypted or sent, then
   * encrypts and uploads.
   * @param {File} file
   * @param {{ onEncrypting: () => void, onProgress: (sent: number) => void, onNewKey: (keys: string[]) => void }} hooks
   *   onNewKey: we made the session's first key; it must reach the others before they see the file
   * @returns {Promise<BoardFile>}
   */
  async upload(file, hooks) {
    if (wb.sniffType(new Uint8Array(await file.slice(0, 1024).arrayBuffer())) === null) {
      throw new wb.WhiteboardError('unsupported_type', 'unsupported type');
    }
    const ticket = this.ticket ?? '';
    const listing = await wb.listFiles({ ticket, language: getLang() });
    this.quota = { limits: listing.limits, used: listing.used };
    const refusal = wb.checkLimits(file.size, listing.limits, listing.used);
    if (refusal) {
      throw new wb.WhiteboardError(refusal, refusal);
    }
    hooks.onEncrypting();
    const key = await this.#uploadKey(hooks.onNewKey);
    const encrypted = await wb.encryptFile(key, this.sessionId, file, file.name);
    const info = await wb.uploadFile({ ticket, file: encrypted, language: getLang(),
      onProgress: (sent, total) => hooks.onProgress(total > 0 ? sent / total : 0) });
    /** @type {BoardFile} */
    const added = { id: info.id, info, meta: encrypted.info, key };
    this.list.push(added);
    return added;
  }

  /**
   * Removes a file from the whiteboard (a file already gone counts as removed).
   * @param {BoardFile} file
   */
  async remove(file) {
    try {
      await wb.removeFile({ ticket: this.ticket ?? '', id: file.id, language: getLang() });
    } catch (e) {
      if (!(e instanceof wb.WhiteboardError && e.code === 'file_not_found')) {
        throw e;
      }
    }
    this.list = this.list.filter((f) => f !== file);
    this.#blobs.delete(file.id);
  }

  /** Drops keys and files (the consultation is over). */
  clear() {
    this.#keys.clear();
    this.#blobs.clear();
    this.list = [];
  }

  /**
   * What went wrong, as a text key with its numbers.
   * @param {unknown} e
   * @param {MsgKey} fallback when the error is not one of the known codes
   * @returns {[MsgKey, Record<string, number>?]}
   */
  describe(e, fallback) {
    const code = e instanceof wb.WhiteboardError ? e.code : '';
    const limits = this.quota?.limits;
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
    if (!known[code]) {
      console.warn('whiteboard', e instanceof Error ? e.name : e);
    }
    return known[code] ?? [fallback];
  }

  /** The largest file, in (rounded down) megabytes, once known. */
  get maxFileMegabytes() {
    return this.quota ? Math.floor(this.quota.limits.maxFileBytes / MIB) : null;
  }

  /**
   * @param {string} meta
   * @returns {Promise<{ meta: wb.FileMeta | null, key: CryptoKey | null }>}
   */
  async #openMeta(meta) {
    for (const text of this.state.keys) {
      const key = await this.#key(text);
      try {
        return { meta: await wb.decryptMeta(key, this.sessionId, meta), key };
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
      key.catch(() => this.#keys.delete(text));
      this.#keys.set(text, key);
    }
    return key;
  }

  /**
   * The key to encrypt under; the first file of the session makes one.
   * @param {(keys: string[]) => void} onNewKey
   */
  async #uploadKey(onNewKey) {
    const state = this.state;
    if (state.uploadKey === null) {
      const key = await wb.generateSessionKey();
      const text = await wb.exportSessionKey(key);
      this.#keys.set(text, Promise.resolve(key));
      state.addKeys([text]);
      onNewKey([...state.keys]);
    }
    return this.#key(/** @type {string} */ (state.uploadKey));
  }
}
