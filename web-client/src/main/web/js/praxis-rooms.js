// The doctor's waiting rooms: the selector (which room codes are made for) and a form to rename a room,
// write its waiting text, create a new one or delete one.
import { ApiError } from './api.js';
import { t } from './i18n.js';
import { byId, h, setMessage } from './ui.js';

const SELECTED_KEY = 'sz.room';

/**
 * @typedef {import('./api.js').Api} Api
 * @typedef {import('./api.js').Room} Room
 */

export class RoomsPanel {
  /** @type {Room[]} */
  rooms = [];
  /** Whether the form is creating a new room instead of editing the selected one. */
  #creating = false;

  /**
   * @param {Api} api
   * @param {(roomId: string | null) => void} onSelect
   */
  constructor(api, onSelect) {
    this.api = api;
    this.onSelect = onSelect;
    this.select = byId('room-select', HTMLSelectElement);
    this.form = byId('room-form', HTMLFormElement);
    this.name = byId('room-name', HTMLInputElement);
    this.text = byId('room-text', HTMLTextAreaElement);
    this.error = byId('room-error', HTMLElement);
    this.status = byId('room-status', HTMLElement);
    this.save = byId('room-save', HTMLButtonElement);
    this.newButton = byId('room-new', HTMLButtonElement);
    this.deleteButton = byId('room-delete', HTMLButtonElement);
    this.select.addEventListener('change', () => this.#selected());
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.#save();
    });
    this.newButton.addEventListener('click', () => this.#startNew());
    this.deleteButton.addEventListener('click', () => void this.#delete());
  }

  get selectedId() {
    return this.select.value || null;
  }

  async load() {
    try {
      this.rooms = await this.api.rooms();
    } catch (e) {
      this.#fail(e);
      return;
    }
    const remembered = sessionStorage.getItem(SELECTED_KEY);
    this.#renderSelect(this.rooms.some((r) => r.id === remembered) ? remembered : this.rooms[0]?.id ?? null);
    this.#selected();
  }

  /** Texts that depend on the mode, after a language switch. */
  render() {
    this.save.textContent = t(this.#creating ? 'rooms.create' : 'rooms.save');
    this.newButton.textContent = t(this.#creating ? 'rooms.cancelNew' : 'rooms.new');
    this.deleteButton.hidden = this.#creating || this.rooms.length === 0;
  }

  /** @param {string | null} selectedId */
  #renderSelect(selectedId) {
    this.select.replaceChildren(...this.rooms.map((r) => h('option', { value: r.id, text: r.name })));
    this.select.value = selectedId ?? '';
    this.select.disabled = this.rooms.length === 0;
  }

  #selected() {
    this.#creating = false;
    const room = this.rooms.find((r) => r.id === this.selectedId);
    if (room) {
      sessionStorage.setItem(SELECTED_KEY, room.id);
    }
    this.name.value = room?.name ?? '';
    this.text.value = room?.waitingText ?? '';
    setMessage(this.error, null);
    this.render();
    this.onSelect(room?.id ?? null);
  }

  #startNew() {
    if (this.#creating) {
      this.#selected();
      return;
    }
    this.#creating = true;
    this.name.value = '';
    this.text.value = '';
    setMessage(this.status, null);
    this.render();
    this.name.focus();
  }

  async #save() {
    setMessage(this.error, null);
    const name = this.name.value.trim();
    const waitingText = this.text.value.trim();
    if (!name) {
      setMessage(this.error, 'rooms.error.nameMissing');
      this.name.focus();
      return;
    }
    this.save.disabled = true;
    try {
      const selected = this.selectedId;
      if (this.#creating || !selected) {
        const room = await this.api.createRoom({ name, waitingText });
        this.rooms = [...this.rooms, room];
        this.#renderSelect(room.id);
        this.#selected();
        setMessage(this.status, 'rooms.created');
      } else {
        const room = await this.api.updateRoom(selected, { name, waitingText });
        this.rooms = this.rooms.map((r) => (r.id === room.id ? room : r));
        this.#renderSelect(room.id);
        setMessage(this.status, 'rooms.saved');
      }
    } catch (e) {
      this.#fail(e);
    } finally {
      this.save.disabled = false;
    }
  }

  async #delete() {
    const room = this.rooms.find((r) => r.id === this.selectedId);
    if (!room || !confirm(t('rooms.confirmDelete', { name: room.name }))) {
      return;
    }
    try {
      await this.api.deleteRoom(room.id);
      this.rooms = this.rooms.filter((r) => r.id !== room.id);
      this.#renderSelect(this.rooms[0]?.id ?? null);
      this.#selected();
      setMessage(this.status, 'rooms.deleted');
    } catch (e) {
      this.#fail(e);
    }
  }

  /** @param {unknown} e */
  #fail(e) {
    const code = e instanceof ApiError ? e.code : '';
    setMessage(this.error, code === 'invalid_request' ? 'rooms.error.invalid'
      : code === 'network_error' ? 'error.network' : 'error.unexpected');
  }
}
