// @ts-check
/**
 * Browser side of the whiteboard's end-to-end encryption (docs/whiteboard.md, "Wire format").
 *
 * Every file is encrypted in the browser with AES-256-GCM (WebCrypto) under the session key, which travels
 * only over the peers' encrypted data channel; the server stores ciphertext it cannot open. The file's name
 * and type are encrypted too and travel in the X-Whiteboard-Meta header.
 *
 * Envelope (file body, and the metadata before base64url): 0x01 | IV (12 random bytes) | ciphertext | tag (16).
 * AAD binds each envelope to the session and ties a file to its metadata entry:
 *   file: "sz-wb-file-v1" NUL sessionId NUL ref      metadata: "sz-wb-meta-v1" NUL sessionId
 * where ref is a random id chosen per file and carried inside the encrypted metadata.
 *
 * Plain ES module, no dependencies; used by whiteboard.js, tested on Node by whiteboard-crypto.test.mjs.
 */

export const ENVELOPE_VERSION = 1;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
/** Bytes an envelope has more than what it carries. */
export const ENVELOPE_OVERHEAD = 1 + IV_BYTES + TAG_BYTES;
/** File types the whiteboard accepts, recognised by their first bytes (never by name or by the browser's guess). */
export const ALLOWED_TYPES = Object.freeze(['application/pdf', 'image/png', 'image/jpeg', 'image/webp']);
/** Longest file name kept (characters); longer names are shortened. */
export const MAX_NAME_CHARS = 200;

/**
 * @typedef {{ name: string, type: string, size: number, ref: string }} FileMeta
 *   what the encrypted metadata holds
 * @typedef {{ maxFileBytes: number, maxSessionBytes: number, maxFiles: number }} Limits
 * @typedef {{ files: number, bytes: number }} Used
 * @typedef {{ id: string, size: number, createdAt: string, uploadedBy: string, meta: string }} FileInfo
 *   a file as the server lists it (meta still encrypted)
 * @typedef {{ envelope: Uint8Array<ArrayBuffer>, meta: string, info: FileMeta }} EncryptedFile
 */

/** An error with a stable code: the server's codes, plus 'unsupported_type', 'decrypt_failed', 'network'. */
export class WhiteboardError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   * @param {number} [status] HTTP status when the server answered
   */
  constructor(code, message, status) {
    super(message);
    this.name = 'WhiteboardError';
    this.code = code;
    this.status = status;
  }
}

const FILE_AAD = 'sz-wb-file-v1';
const META_AAD = 'sz-wb-meta-v1';
const encoder = new TextEncoder();

/** A new random session key (AES-256-GCM). Extractable, so a member can hand it to whoever joins later. */
export async function generateSessionKey() {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
}

/**
 * The key as text for the data channel (base64url of the 32 raw bytes). Send it only over the peers'
 * encrypted RTCDataChannel, never to the server.
 * @param {CryptoKey} key
 * @returns {Promise<string>}
 */
export async function exportSessionKey(key) {
  return toBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', key)));
}

/**
 * @param {string} text what {@link exportSessionKey} produced
 * @returns {Promise<CryptoKey>}
 */
export async function importSessionKey(text) {
  const raw = fromBase64Url(text);
  if (raw.length !== 32) {
    throw new WhiteboardError('invalid_key', 'A whiteboard session key has 32 bytes');
  }
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, true, ['encrypt', 'decrypt']);
}

/**
 * The file type by its first bytes, or null when it is none of {@link ALLOWED_TYPES}.
 * @param {Uint8Array} bytes
 * @returns {string | null}
 */
export function sniffType(bytes) {
  const starts = (/** @type {number[]} */ sig, at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  // PDF readers accept the header anywhere in the first 1024 bytes (ISO 32000-2 §7.5.2 tolerates leading bytes).
  const head = bytes.subarray(0, 1024);
  for (let i = 0; i + 5 <= head.length; i++) {
    if (head[i] === 0x25 && head[i + 1] === 0x50 && head[i + 2] === 0x44 && head[i + 3] === 0x46 && head[i + 4] === 0x2d) {
      return 'application/pdf';
    }
  }
  return null;
}

/**
 * Why a file cannot go on the whiteboard before anything is encrypted or sent, or null when it can.
 * @param {number} size the file's size in bytes
 * @param {Limits} limits from the file list
 * @param {Used} used from the file list
 * @returns {'too_large' | 'session_full' | 'too_many_files' | null}
 */
export function checkLimits(size, limits, used) {
  if (size > limits.maxFileBytes) return 'too_large';
  if (used.files + 1 > limits.maxFiles) return 'too_many_files';
  if (used.bytes + size > limits.maxSessionBytes) return 'session_full';
  return null;
}

/**
 * Checks the type and encrypts a file and its metadata for upload.
 * @param {CryptoKey} key the session key
 * @param {string} sessionId
 * @param {Blob} file a File from an input or a drop
 * @param {string} name shown to the other members (encrypted, the server never sees it)
 * @returns {Promise<EncryptedFile>}
 */
export async function encryptFile(key, sessionId, file, name) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffType(bytes);
  if (type === null) {
    throw new WhiteboardError('unsupported_type', 'Only PDF, PNG, JPEG and WebP files can go on the whiteboard');
  }
  /** @type {FileMeta} */
  const info = { name: String(name).slice(0, MAX_NAME_CHARS), type, size: bytes.length, ref: randomRef() };
  const envelope = await seal(key, aad(FILE_AAD, sessionId, info.ref), bytes);
  const meta = toBase64Url(await seal(key, aad(META_AAD, sessionId), encoder.encode(JSON.stringify({ v: 1, ...info }))));
  return { envelope, meta, info };
}

/**
 * @param {CryptoKey} key
 * @param {string} sessionId
 * @param {string} meta the X-Whiteboard-Meta value or a FileInfo's meta
 * @returns {Promise<FileMeta>}
 */
export async function decryptMeta(key, sessionId, meta) {
  const plain = await open(key, aad(META_AAD, sessionId), fromBase64Url(meta));
  let parsed;
  try {
    parsed = JSON.parse(new TextDecoder().decode(plain));
  } catch {
    throw new WhiteboardError('decrypt_failed', 'Whiteboard metadata is not readable');
  }
  if (parsed.v !== 1 || typeof parsed.name !== 'string' || !ALLOWED_TYPES.includes(parsed.type)
      || typeof parsed.size !== 'number' || typeof parsed.ref !== 'string') {
    throw new WhiteboardError('decrypt_failed', 'Whiteboard metadata has an unknown shape');
  }
  return { name: parsed.name, type: parsed.type, size: parsed.size, ref: parsed.ref };
}

/**
 * Opens a downloaded file and checks it is what its metadata says.
 * @param {CryptoKey} key
 * @param {string} sessionId
 * @param {FileMeta} meta from {@link decryptMeta}
 * @param {Uint8Array<ArrayBuffer>} envelope the download's body
 * @returns {Promise<Blob>} typed, ready for URL.createObjectURL or a PDF renderer
 */
export async function decryptFile(key, sessionId, meta, envelope) {
  const bytes = await open(key, aad(FILE_AAD, sessionId, meta.ref), envelope);
  if (bytes.length !== meta.size || sniffType(bytes) !== meta.type) {
    throw new WhiteboardError('decrypt_failed', 'Whiteboard file does not match its metadata');
  }
  return new Blob([bytes], { type: meta.type });
}

/**
 * Uploads an encrypted file (one request with Content-Length); XMLHttpRequest, because fetch cannot report
 * upload progress.
 * @param {{ base?: string, ticket: string, file: EncryptedFile, onProgress?: (sent: number, total: number) => void,
 *           language?: string }} options
 * @returns {Promise<FileInfo>}
 */
export function uploadFile({ base = '', ticket, file, onProgress, language = 'de' }) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${base}/whiteboard/files`);
    xhr.setRequestHeader('Authorization', `Bearer ${ticket}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-Whiteboard-Meta', file.meta);
    xhr.setRequestHeader('Accept-Language', language);
    xhr.responseType = 'json';
    if (onProgress) {
      xhr.upload.onprogress = (e) => onProgress(e.loaded, e.total);
    }
    xhr.onload = () => {
      if (xhr.status === 201) {
        resolve(/** @type {FileInfo} */ (xhr.response));
      } else {
        reject(errorOf(xhr.status, xhr.response));
      }
    };
    xhr.onerror = () => reject(new WhiteboardError('network', 'Upload failed: no connection to the server'));
    xhr.send(/** @type {BlobPart} */ (file.envelope));
  });
}

/**
 * @param {{ base?: string, ticket: string, language?: string }} options
 * @returns {Promise<{ files: FileInfo[], limits: Limits, used: Used }>}
 */
export async function listFiles({ base = '', ticket, language = 'de' }) {
  const r = await request(`${base}/whiteboard/files`, 'GET', ticket, language);
  return r.json();
}

/**
 * @param {{ base?: string, ticket: string, id: string, language?: string }} options
 * @returns {Promise<{ envelope: Uint8Array<ArrayBuffer>, meta: string }>}
 */
export async function downloadFile({ base = '', ticket, id, language = 'de' }) {
  const r = await request(`${base}/whiteboard/files/${encodeURIComponent(id)}`, 'GET', ticket, language);
  return { envelope: new Uint8Array(await r.arrayBuffer()), meta: r.headers.get('X-Whiteboard-Meta') ?? '' };
}

/**
 * @param {{ base?: string, ticket: string, id: string, language?: string }} options
 * @returns {Promise<void>}
 */
export async function removeFile({ base = '', ticket, id, language = 'de' }) {
  await request(`${base}/whiteboard/files/${encodeURIComponent(id)}`, 'DELETE', ticket, language);
}

/**
 * @param {string} url
 * @param {string} method
 * @param {string} ticket
 * @param {string} language
 */
async function request(url, method, ticket, language) {
  let r;
  try {
    r = await fetch(url, { method, headers: { Authorization: `Bearer ${ticket}`, 'Accept-Language': language } });
  } catch {
    throw new WhiteboardError('network', 'No connection to the server');
  }
  if (!r.ok) {
    throw errorOf(r.status, await r.json().catch(() => null));
  }
  return r;
}

/**
 * @param {number} status
 * @param {any} body the server's {error, message}
 */
function errorOf(status, body) {
  const code = body && typeof body.error === 'string' ? body.error : 'http_' + status;
  const message = body && typeof body.message === 'string' ? body.message : 'HTTP ' + status;
  return new WhiteboardError(code, message, status);
}

/**
 * @param {CryptoKey} key
 * @param {Uint8Array<ArrayBuffer>} additional
 * @param {Uint8Array<ArrayBuffer>} plain
 */
async function seal(key, additional, plain) {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: additional, tagLength: 128 }, key, plain));
  const out = new Uint8Array(1 + IV_BYTES + ct.length);
  out[0] = ENVELOPE_VERSION;
  out.set(iv, 1);
  out.set(ct, 1 + IV_BYTES);
  return out;
}

/**
 * @param {CryptoKey} key
 * @param {Uint8Array<ArrayBuffer>} additional
 * @param {Uint8Array<ArrayBuffer>} envelope
 */
async function open(key, additional, envelope) {
  if (envelope.length < ENVELOPE_OVERHEAD || envelope[0] !== ENVELOPE_VERSION) {
    throw new WhiteboardError('decrypt_failed', 'Not a whiteboard envelope of version 1');
  }
  try {
    const iv = envelope.subarray(1, 1 + IV_BYTES);
    const ct = envelope.subarray(1 + IV_BYTES);
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: additional, tagLength: 128 }, key, ct));
  } catch {
    throw new WhiteboardError('decrypt_failed', 'Whiteboard data cannot be decrypted with this session key');
  }
}

/** @param {string[]} parts */
function aad(...parts) {
  return encoder.encode(parts.join('\0'));
}

function randomRef() {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}

/** @param {Uint8Array} bytes */
export function toBase64Url(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** @param {string} text */
export function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) {
    throw new WhiteboardError('decrypt_failed', 'Not base64url');
  }
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
