// Access codes of the selected waiting room: create (patient name, validity window of at most 30 days,
// 24 hours by default), list with copy-to-clipboard of code and link, delete.
import { ApiError, displayCode } from './api.js';
import { t } from './i18n.js';
import { byId, copyText, formatDateTime, h, setMessage, show } from './ui.js';

const HOUR_MS = 3600 * 1000;
const DEFAULT_VALIDITY_MS = 24 * HOUR_MS;
const MAX_VALIDITY_MS = 30 * 24 * HOUR_MS;

/**
 * @typedef {import('./api.js').Api} Api
 * @typedef {import('./api.js').AccessCode} AccessCode
 */

/**
 * A Date as the value of an <input type="datetime-local"> (local time, minutes).
 * @param {Date} d
 */
export function toLocalInput(d) {
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export class CodesPanel {
  /** @type {AccessCode[]} */
  codes = [];
  /** @type {string | null} */
  roomId = null;
  /** Whether the doctor changed the validity fields; untouched ones follow the clock. */
  #validityTouched = false;
  /** Bumped by every reload and every change made here: a list fetched before either is stale. */
  #version = 0;

  /** @param {Api} api */
  constructor(api) {
    this.api = api;
    this.form = byId('code-form', HTMLFormElement);
    this.name = byId('code-patient-name', HTMLInputElement);
    this.from = byId('code-valid-from', HTMLInputElement);
    this.until = byId('code-valid-until', HTMLInputElement);
    this.error = byId('code-error', HTMLElement);
    this.submit = byId('code-create', HTMLButtonElement);
    this.list = byId('code-list', HTMLUListElement);
    this.empty = byId('codes-empty', HTMLElement);
    this.copyStatus = byId('copy-status', HTMLElement);
    for (const input of [this.from, this.until]) {
      input.addEventListener('change', () => {
        this.#validityTouched = true;
        this.#limitUntil();
      });
    }
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.#create();
    });
    this.#defaultValidity();
    setInterval(() => {
      if (!this.#validityTouched) {
        this.#defaultValidity();
      }
    }, 60000);
  }

  /** @param {string | null} roomId */
  async show(roomId) {
    this.roomId = roomId;
    this.codes = [];
    this.render();
    if (roomId) {
      await this.reload();
    }
  }

  async reload() {
    const roomId = this.roomId;
    if (!roomId) {
      return;
    }
    const version = ++this.#version;
    try {
      const codes = await this.api.codes(roomId);
      // A code created or deleted meanwhile (or a newer reload) wins over this answer, which predates it.
      if (roomId === this.roomId && version === this.#version) {
        this.codes = codes;
        this.render();
      }
    } catch (e) {
      this.#fail(e);
    }
  }

  render() {
    const newestFirst = [...this.codes].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    this.list.replaceChildren(...newestFirst.map((code) => this.#item(code)));
    show(this.empty, this.codes.length === 0);
    this.submit.disabled = this.roomId === null;
  }

  #defaultValidity() {
    const now = new Date();
    this.from.value = toLocalInput(now);
    this.until.value = toLocalInput(new Date(now.getTime() + DEFAULT_VALIDITY_MS));
    this.#limitUntil();
  }

  #limitUntil() {
    const from = new Date(this.from.value);
    if (!Number.isNaN(from.getTime())) {
      this.until.min = toLocalInput(from);
      this.until.max = toLocalInput(new Date(from.getTime() + MAX_VALIDITY_MS));
    }
  }

  async #create() {
    setMessage(this.error, null);
    const roomId = this.roomId;
    const patientName = this.name.value.trim();
    if (!roomId) {
      return;
    }
    if (!patientName) {
      setMessage(this.error, 'codes.error.nameMissing');
      this.name.focus();
      return;
    }
    /** @type {{ patientName: string, validFrom?: string, validUntil?: string }} */
    const body = { patientName };
    if (this.#validityTouched) {
      const from = new Date(this.from.value);
      const until = new Date(this.until.value);
      if (Number.isNaN(from.getTime()) || Number.isNaN(until.getTime()) || until <= from) {
        setMessage(this.error, 'codes.error.validityOrder');
        return;
      }
      if (until.getTime() - from.getTime() > MAX_VALIDITY_MS) {
        setMessage(this.error, 'codes.error.validityTooLong');
        return;
      }
      body.validFrom = from.toISOString();
      body.validUntil = until.toISOString();
    }
    this.submit.disabled = true;
    try {
      const code = await this.api.createCode(roomId, body);
      this.#version++;
      if (roomId === this.roomId) {
        this.codes = [...this.codes.filter((c) => c.id !== code.id), code];
        this.render();
      }
      this.name.value = '';
      this.#validityTouched = false;
      this.#defaultValidity();
      setMessage(this.copyStatus, 'codes.created', { name: code.patientName });
    } catch (e) {
      this.#fail(e);
    } finally {
      this.submit.disabled = this.roomId === null;
    }
  }

  /** @param {AccessCode} code */
  async #delete(code) {
    if (!confirm(t('codes.confirmDelete', { name: code.patientName }))) {
      return;
    }
    try {
      await this.api.deleteCode(code.id);
      this.#version++;
      this.codes = this.codes.filter((c) => c.id !== code.id);
      this.render();
    } catch (e) {
      this.#fail(e);
    }
  }

  /** @param {AccessCode} code */
  #item(code) {
    const shown = code.code.includes('-') ? code.code : displayCode(code.code);
    const link = code.link || `${location.origin}/#${shown}`;
    const copyCode = h('button', { type: 'button', class: 'small', 'data-testid': 'copy-code', i18n: 'codes.copyCode' });
    const copyLink = h('button', { type: 'button', class: 'small', 'data-testid': 'copy-link', i18n: 'codes.copyLink' });
    const remove = h('button', { type: 'button', class: 'small danger-outline', 'data-testid': 'code-delete', i18n: 'codes.delete' });
    copyCode.setAttribute('aria-label', t('codes.copyCodeFor', { name: code.patientName }));
    copyLink.setAttribute('aria-label', t('codes.copyLinkFor', { name: code.patientName }));
    remove.setAttribute('aria-label', t('codes.deleteFor', { name: code.patientName }));
    copyCode.addEventListener('click', () => void this.#copy(shown, 'codes.copiedCode'));
    copyLink.addEventListener('click', () => void this.#copy(link, 'codes.copiedLink'));
    remove.addEventListener('click', () => void this.#delete(code));
    return h('li', { 'data-testid': 'code-entry', 'data-code-id': code.id }, [
      h('span', { class: 'name', text: code.patientName }),
      h('code', { class: 'code', 'data-testid': 'code-value', text: shown }),
      h('span', { class: 'meta', text: t('codes.validity', { from: formatDateTime(code.validFrom), until: formatDateTime(code.validUntil) }) }),
      h('span', { class: 'buttons' }, [copyCode, copyLink, remove]),
    ]);
  }

  /**
   * @param {string} text
   * @param {import('./i18n.js').MsgKey} done
   */
  async #copy(text, done) {
    setMessage(this.copyStatus, (await copyText(text)) ? done : 'codes.copyFailed', { text });
  }

  /** @param {unknown} e */
  #fail(e) {
    const code = e instanceof ApiError ? e.code : '';
    setMessage(this.error, code === 'invalid_validity' ? 'codes.error.validityTooLong'
      : code === 'network_error' ? 'error.network'
        : code === 'invalid_request' ? 'codes.error.invalid' : 'error.unexpected');
  }
}
