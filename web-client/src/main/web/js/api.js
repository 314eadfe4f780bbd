// REST client for docs/api.md: JSON over fetch, bearer token in the Authorization header (never a cookie,
// never in a URL), errors as ApiError with the server's stable code.
import { getLang } from './i18n.js';

/**
 * @typedef {{ id: string, login: string, displayName: string, practiceId: string, practiceName: string,
 *   roles: string[] }} Account
 * @typedef {{ id: string, name: string, waitingText: string, createdAt: string }} Room
 * @typedef {{ id: string, roomId: string, code: string, patientName: string, validFrom: string,
 *   validUntil: string, createdAt: string, link: string }} AccessCode
 * @typedef {{ name: string, waitingText: string, practiceName: string }} GuestRoom
 * @typedef {{ guestToken: string, expiresAt: string, room: GuestRoom }} Redeemed
 * @typedef {{ name: string, room: GuestRoom, admitted: boolean }} GuestMe
 */

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, 0 when the server could not be reached
   * @param {string} code stable error code from the server (or network_error / invalid_response)
   * @param {string} message
   * @param {Record<string, unknown>} [details] other fields of the error body (e.g. validFrom)
   * @param {number | null} [retryAfter] seconds, from Retry-After
   */
  constructor(status, code, message, details = {}, retryAfter = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfter = retryAfter;
  }
}

export class Api {
  /** @param {() => string | null} token supplies the current bearer token */
  constructor(token = () => null) {
    this.token = token;
  }

  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @returns {Promise<any>} the parsed JSON body, or null for 204
   */
  async request(method, path, body) {
    /** @type {Record<string, string>} */
    const headers = { Accept: 'application/json', 'Accept-Language': getLang() };
    const token = this.token();
    if (token) {
      headers.Authorization = `Bearer ${token}`;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (e) {
      throw new ApiError(0, 'network_error', e instanceof Error ? e.message : String(e));
    }
    if (response.status === 204) {
      return null;
    }
    let json;
    try {
      json = await response.json();
    } catch {
      throw new ApiError(response.status, response.ok ? 'invalid_response' : 'http_' + response.status, response.statusText);
    }
    if (!response.ok) {
      const { error, message, ...details } = json ?? {};
      const retry = Number(response.headers.get('Retry-After'));
      throw new ApiError(response.status, String(error ?? 'http_' + response.status), String(message ?? ''),
        details, Number.isFinite(retry) && retry > 0 ? retry : null);
    }
    return json;
  }

  /**
   * @param {string} login
   * @param {string} password
   * @returns {Promise<{ token: string, expiresAt: string, account: Account }>}
   */
  login(login, password) {
    return this.request('POST', '/api/login', { login, password });
  }

  /** @returns {Promise<null>} */
  logout() {
    return this.request('POST', '/api/logout');
  }

  /** @returns {Promise<Account>} */
  me() {
    return this.request('GET', '/api/me');
  }

  /** @returns {Promise<Room[]>} */
  async rooms() {
    return (await this.request('GET', '/api/rooms')).rooms;
  }

  /**
   * @param {{ name: string, waitingText: string }} room
   * @returns {Promise<Room>}
   */
  createRoom(room) {
    return this.request('POST', '/api/rooms', room);
  }

  /**
   * @param {string} roomId
   * @param {{ name?: string, waitingText?: string }} changes
   * @returns {Promise<Room>}
   */
  updateRoom(roomId, changes) {
    return this.request('PATCH', `/api/rooms/${encodeURIComponent(roomId)}`, changes);
  }

  /** @param {string} roomId */
  deleteRoom(roomId) {
    return this.request('DELETE', `/api/rooms/${encodeURIComponent(roomId)}`);
  }

  /**
   * @param {string} roomId
   * @returns {Promise<AccessCode[]>}
   */
  async codes(roomId) {
    return (await this.request('GET', `/api/rooms/${encodeURIComponent(roomId)}/codes`)).codes;
  }

  /**
   * @param {string} roomId
   * @param {{ patientName: string, validFrom?: string, validUntil?: string }} code
   * @returns {Promise<AccessCode>}
   */
  createCode(roomId, code) {
    return this.request('POST', `/api/rooms/${encodeURIComponent(roomId)}/codes`, code);
  }

  /** @param {string} codeId */
  deleteCode(codeId) {
    return this.request('DELETE', `/api/codes/${encodeURIComponent(codeId)}`);
  }

  /**
   * @param {string} code
   * @param {string} name
   * @param {boolean} consent
   * @returns {Promise<Redeemed>}
   */
  redeem(code, name, consent) {
    return this.request('POST', '/api/guest/redeem', { code, name, consent });
  }

  /**
   * Whether the guest token (the bearer) still works, e.g. after a reload.
   * @returns {Promise<GuestMe>}
   */
  guestMe() {
    return this.request('GET', '/api/guest/me');
  }
}

/** Characters of an access code: digits and letters without the look-alikes 0/O, 1/I/L. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/**
 * The code as the user typed it (any case, spaces, dashes) reduced to its 12 characters.
 * @param {string} input
 * @returns {string | null} canonical code without dashes, or null if it cannot be a code
 */
export function normalizeCode(input) {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== 12) {
    return null;
  }
  for (const c of compact) {
    if (!CODE_ALPHABET.includes(c)) {
      return null;
    }
  }
  return compact;
}

/** @param {string} canonical */
export function displayCode(canonical) {
  return `${canonical.slice(0, 4)}-${canonical.slice(4, 8)}-${canonical.slice(8)}`;
}
