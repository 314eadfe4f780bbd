// The doctor's live waiting list: entries from the server's `waiting` messages, a badge with the count,
// and - only while not in a call - a sound and a tab-title alert when someone new arrives.
import { t } from './i18n.js';
import { byId, formatMinutes, h, show } from './ui.js';

const SOUND_URL = '/sounds/notify.wav';
/** The "waits since" texts are refreshed this often. */
const REFRESH_MS = 30000;

/**
 * @typedef {{ guestId: string, roomId: string, roomName: string, name: string, since: string }} WaitingEntry
 * @typedef {{ admit: (entry: WaitingEntry) => void, decline: (entry: WaitingEntry) => void }} WaitingActions
 */

/** @param {string} since ISO time the guest started waiting */
function waited(since) {
  const minutes = Math.floor((Date.now() - new Date(since).getTime()) / 60000);
  return minutes < 1 ? t('waiting.justArrived') : t('waiting.since', { duration: formatMinutes(minutes) });
}

export class WaitingList {
  /** @type {WaitingEntry[]} */
  entries = [];
  /** Guests already announced, so a list update does not ring again for someone who was there. */
  #seen = new Set();
  #inCall = false;
  /** @type {string} */
  #baseTitle = '';
  /** @type {HTMLAudioElement | null} */
  #sound = null;

  /** @param {WaitingActions} actions */
  constructor(actions) {
    this.actions = actions;
    this.list = byId('waiting-list', HTMLUListElement);
    this.badge = byId('waiting-badge', HTMLElement);
    this.empty = byId('waiting-empty', HTMLElement);
    setInterval(() => this.render(), REFRESH_MS);
  }

  /** @param {string} title the page title without alert */
  setBaseTitle(title) {
    this.#baseTitle = title;
    this.#renderTitle();
  }

  /** @param {boolean} inCall */
  setInCall(inCall) {
    this.#inCall = inCall;
    this.render();
  }

  /** @param {WaitingEntry[]} entries the full list from a `waiting` message */
  update(entries) {
    this.entries = [...entries].sort((a, b) => a.since.localeCompare(b.since));
    const arrived = this.entries.filter((e) => !this.#seen.has(e.guestId));
    this.#seen = new Set(this.entries.map((e) => e.guestId));
    if (arrived.length > 0 && !this.#inCall) {
      this.#ring();
    }
    this.render();
  }

  render() {
    const count = this.entries.length;
    this.badge.textContent = String(count);
    this.badge.dataset.count = String(count);
    this.badge.setAttribute('aria-label', t('waiting.count', { count }));
    show(this.empty, count === 0);
    // Rebuilt on every change; a keyboard user's focus stays on the same button of the same guest.
    const focused = document.activeElement;
    const keep = focused instanceof HTMLElement && this.list.contains(focused)
      ? [focused.closest('li')?.dataset.guestId, focused.dataset.testid] : null;
    this.list.replaceChildren(...this.entries.map((entry) => this.#item(entry)));
    if (keep) {
      const again = [...this.list.querySelectorAll('li')].find((li) => li.dataset.guestId === keep[0])
        ?.querySelector(`[data-testid="${keep[1]}"]`);
      if (again instanceof HTMLElement) {
        again.focus();
      }
    }
    this.#renderTitle();
  }

  /** @param {WaitingEntry} entry */
  #item(entry) {
    const admit = h('button', { type: 'button', class: 'primary', 'data-testid': 'admit',
      i18n: this.#inCall ? 'waiting.addToCall' : 'waiting.admit' });
    const decline = h('button', { type: 'button', 'data-testid': 'decline', i18n: 'waiting.decline' });
    admit.setAttribute('aria-label', t(this.#inCall ? 'waiting.addToCallNamed' : 'waiting.admitNamed', { name: entry.name }));
    decline.setAttribute('aria-label', t('waiting.declineNamed', { name: entry.name }));
    admit.addEventListener('click', () => this.actions.admit(entry));
    decline.addEventListener('click', () => this.actions.decline(entry));
    return h('li', { 'data-testid': 'waiting-entry', 'data-guest-id': entry.guestId }, [
      h('span', { class: 'name', text: entry.name }),
      h('span', { class: 'meta', text: `${entry.roomName} · ${waited(entry.since)}` }),
      h('span', { class: 'buttons' }, [admit, decline]),
    ]);
  }

  #renderTitle() {
    const count = this.entries.length;
    document.title = count > 0 && !this.#inCall ? `(${count}) ${t('waiting.titleAlert', { count })} – ${this.#baseTitle}` : this.#baseTitle;
  }

  #ring() {
    this.#sound ??= new Audio(SOUND_URL);
    this.#sound.currentTime = 0;
    // Browsers refuse sound before the first user gesture (e.g. after a reload): the badge and title still show it.
    this.#sound.play().catch(() => {});
  }
}
