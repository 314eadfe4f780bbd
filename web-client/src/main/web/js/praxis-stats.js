// The doctor's statistics (docs/statistics.md): a period (last calendar month unless chosen), own figures or the
// practice's (practice admins only), and downloads as CSV (one row per event or per day) and PDF. The browser asks
// signaling for a short-lived statistics ticket and fetches the export with it in the Authorization header
// (never in the URL), then saves the file from a blob URL.
import { ApiError } from './api.js';
import { getLang } from './i18n.js';
import { byId, h, setMessage } from './ui.js';

/**
 * @typedef {import('./api.js').Api} Api
 * @typedef {import('./api.js').Account} Account
 * @typedef {{ path: string, rows?: 'event' | 'day', ext: 'csv' | 'pdf' }} Export
 */

/** @type {Record<string, Export>} */
const EXPORTS = {
  csv: { path: '/stats/export.csv', rows: 'event', ext: 'csv' },
  csvDays: { path: '/stats/export.csv', rows: 'day', ext: 'csv' },
  pdf: { path: '/stats/export.pdf', ext: 'pdf' },
};

/**
 * A date as the date input writes it, in the browser's time zone.
 * @param {Date} d
 */
export function isoDate(d) {
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * The last full calendar month before `today`: first and last day (both inclusive, as the form shows them).
 * @param {Date} today
 * @returns {{ from: string, to: string }}
 */
export function lastMonth(today) {
  const first = new Date(today.getFullYear(), today.getMonth() - 1, 1);
  const last = new Date(today.getFullYear(), today.getMonth(), 0);
  return { from: isoDate(first), to: isoDate(last) };
}

/**
 * The day after an ISO date: the form's "to" is the last day shown, the API's `to` is exclusive.
 * @param {string} day
 */
export function dayAfter(day) {
  const [y, m, d] = day.split('-').map(Number);
  return isoDate(new Date(y, m - 1, d + 1));
}

export class StatsPanel {
  /** @type {Account | null} */
  #account = null;

  /** @param {Api} api signaling's REST client (with the doctor's bearer token) */
  constructor(api) {
    this.api = api;
    this.from = byId('stats-from', HTMLInputElement);
    this.to = byId('stats-to', HTMLInputElement);
    this.scope = byId('stats-scope', HTMLSelectElement);
    this.error = byId('stats-error', HTMLElement);
    this.status = byId('stats-status', HTMLElement);
    /** @type {Record<string, HTMLButtonElement>} */
    this.buttons = {
      csv: byId('stats-csv', HTMLButtonElement),
      csvDays: byId('stats-csv-days', HTMLButtonElement),
      pdf: byId('stats-pdf', HTMLButtonElement),
    };
    for (const [kind, button] of Object.entries(this.buttons)) {
      button.addEventListener('click', () => void this.download(kind));
    }
  }

  /** @param {Account} account */
  show(account) {
    this.#account = account;
    const period = lastMonth(new Date());
    this.from.value = period.from;
    this.to.value = period.to;
    this.render();
  }

  /** Scope options follow the account's roles and the language. */
  render() {
    const admin = this.#account?.roles.includes('practice_admin') ?? false;
    const chosen = admin ? this.scope.value || 'own' : 'own';
    this.scope.replaceChildren(h('option', { value: 'own', i18n: 'stats.scopeOwn' }),
      ...(admin ? [h('option', { value: 'practice', i18n: 'stats.scopePractice' })] : []));
    this.scope.value = chosen;
    this.scope.disabled = !admin;
  }

  /** @param {string} kind one of EXPORTS */
  async download(kind) {
    const spec = EXPORTS[kind];
    setMessage(this.error, null);
    setMessage(this.status, null);
    const from = this.from.value;
    const last = this.to.value;
    if (!from || !last || last < from) {
      setMessage(this.error, 'stats.error.period');
      return;
    }
    const params = new URLSearchParams({ from, to: dayAfter(last), scope: this.scope.value || 'own' });
    if (spec.rows) {
      params.set('rows', spec.rows);
    }
    if (spec.ext === 'pdf') {
      params.set('lang', getLang());
    }
    const buttons = Object.values(this.buttons);
    buttons.forEach((b) => (b.disabled = true));
    setMessage(this.status, 'stats.preparing');
    try {
      const { ticket } = await this.api.request('POST', '/api/tickets/stats');
      const response = await fetch(`${spec.path}?${params}`, {
        headers: { Authorization: `Bearer ${ticket}` }, credentials: 'omit', cache: 'no-store' });
      if (!response.ok) {
        const body = await response.json().catch(() => ({}));
        throw new ApiError(response.status, String(body?.error ?? `http_${response.status}`), String(body?.message ?? ''));
      }
      const blob = await response.blob();
      save(blob, fileName(response, `sprechzimmer-statistik-${from}_${last}.${spec.ext}`));
      setMessage(this.status, 'stats.saved');
    } catch (e) {
      setMessage(this.status, null);
      setMessage(this.error, errorKey(e));
    } finally {
      buttons.forEach((b) => (b.disabled = false));
    }
  }
}

/**
 * @param {Response} response
 * @param {string} fallback
 */
function fileName(response, fallback) {
  const m = /filename="([A-Za-z0-9._-]+)"/.exec(response.headers.get('Content-Disposition') ?? '');
  return m ? m[1] : fallback;
}

/**
 * Hands the file to the browser's download (a blob URL, released right after).
 * @param {Blob} blob
 * @param {string} name
 */
function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/**
 * @param {unknown} e
 * @returns {import('./i18n.js').MsgKey}
 */
function errorKey(e) {
  if (!(e instanceof ApiError)) {
    return e instanceof TypeError ? 'error.network' : 'error.unexpected';
  }
  switch (e.code) {
    case 'invalid_period':
      return 'stats.error.period';
    case 'forbidden':
      return 'stats.error.forbidden';
    case 'overloaded':
      return 'stats.error.busy';
    case 'unauthorized':
      return e.status === 401 ? 'stats.error.unauthorized' : 'error.unexpected';
    case 'network_error':
      return 'error.network';
    default:
      return e.status === 404 || e.status === 502 || e.status === 503 ? 'stats.error.unavailable' : 'error.unexpected';
  }
}
