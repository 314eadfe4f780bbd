// The whiteboard panel of the call screen: toolbar (upload, document, pages, zoom, pointer or pen, clear,
// remove), upload progress, messages and the page itself. It only draws and reports clicks; whiteboard.js
// decides. Texts carry data-i18n (and -params), so a language switch re-translates them in place.
import { t } from './i18n.js';
import { h, setMessage } from './ui.js';
import { ALLOWED_TYPES } from './whiteboard-crypto.js';

/**
 * @typedef {'pointer' | 'pen'} Tool
 * @typedef {{
 *   upload: (file: File) => void,
 *   select: (fileId: string) => void,
 *   page: (delta: number) => void,
 *   zoom: (delta: number) => void,
 *   tool: (tool: Tool) => void,
 *   clear: () => void,
 *   remove: () => void,
 *   opened: (open: boolean) => void,
 * }} PanelActions
 * @typedef {{ id: string, name: string | null }} ListedFile  name null: not decrypted (yet)
 * @typedef {import('./i18n.js').MsgKey} MsgKey
 */

export class WhiteboardPanel {
  /**
   * @param {HTMLElement} section the call screen's whiteboard section (filled here)
   * @param {HTMLButtonElement} toggle the call screen's button that opens and closes it
   * @param {HTMLElement} page the page to show (whiteboard-render.js Surface)
   * @param {PanelActions} actions
   */
  constructor(section, toggle, page, actions) {
    this.section = section;
    this.toggle = toggle;
    const button = (/** @type {string} */ testid, /** @type {MsgKey} */ key, extra = {}) =>
      h('button', { type: 'button', class: 'small', 'data-testid': testid, i18n: key, ...extra });
    this.fileInput = h('input', { type: 'file', class: 'visually-hidden', tabindex: '-1', 'aria-hidden': 'true',
      'data-testid': 'wb-upload', accept: ['.pdf', '.png', '.jpg', '.jpeg', '.webp', ...ALLOWED_TYPES].join(',') });
    this.uploadButton = button('wb-upload-button', 'wb.upload', { class: 'small primary' });
    this.files = h('select', { 'data-testid': 'wb-files', 'aria-label': t('wb.document'), 'data-i18n-aria-label': 'wb.document', disabled: true });
    this.prev = button('wb-prev', 'wb.prevPage');
    this.pageLabel = h('span', { class: 'wb-label', 'data-testid': 'wb-page', 'aria-live': 'polite' });
    this.next = button('wb-next', 'wb.nextPage');
    this.zoomOut = button('wb-zoom-out', 'wb.zoomOut');
    this.zoomLabel = h('span', { class: 'wb-label', 'data-testid': 'wb-zoom' });
    this.zoomIn = button('wb-zoom-in', 'wb.zoomIn');
    this.pointerTool = button('wb-tool-pointer', 'wb.toolPointer', { 'aria-pressed': 'true' });
    this.penTool = button('wb-tool-pen', 'wb.toolPen', { 'aria-pressed': 'false' });
    this.clearButton = button('wb-clear', 'wb.clear');
    this.removeButton = button('wb-remove', 'wb.remove', { class: 'small danger-outline' });
    this.docTools = h('span', { class: 'wb-group' }, [this.prev, this.pageLabel, this.next, this.zoomOut, this.zoomLabel,
      this.zoomIn, this.pointerTool, this.penTool, this.clearButton, this.removeButton]);
    this.progress = h('progress', { 'data-testid': 'wb-progress', max: 1, value: 0, hidden: true });
    this.progressLabel = h('span', { class: 'hint', role: 'status' });
    this.error = h('p', { class: 'alert', role: 'alert', 'data-testid': 'wb-error', hidden: true });
    this.status = h('p', { class: 'hint', 'data-testid': 'wb-status', hidden: true });
    this.hint = h('p', { class: 'hint' });
    this.viewport = h('div', { class: 'wb-viewport' }, [page]);

    section.replaceChildren(
      h('h2', { id: 'wb-title', i18n: 'wb.title' }),
      h('div', { class: 'wb-bar', role: 'toolbar', 'aria-label': t('wb.tools'), 'data-i18n-aria-label': 'wb.tools' },
        [this.uploadButton, this.fileInput, this.files, this.docTools]),
      h('div', { class: 'wb-progress' }, [this.progress, this.progressLabel]),
      this.error, this.status, this.viewport, this.hint,
      h('p', { class: 'hint', i18n: 'wb.privacy' }));
    section.setAttribute('aria-labelledby', 'wb-title');

    toggle.addEventListener('click', () => this.open(section.hidden));
    this.uploadButton.addEventListener('click', () => this.fileInput.click());
    this.fileInput.addEventListener('change', () => {
      const file = this.fileInput.files?.[0];
      this.fileInput.value = '';
      if (file) {
        actions.upload(file);
      }
    });
    this.files.addEventListener('change', () => actions.select(this.files.value));
    this.prev.addEventListener('click', () => actions.page(-1));
    this.next.addEventListener('click', () => actions.page(1));
    this.zoomOut.addEventListener('click', () => actions.zoom(-1));
    this.zoomIn.addEventListener('click', () => actions.zoom(1));
    this.pointerTool.addEventListener('click', () => actions.tool('pointer'));
    this.penTool.addEventListener('click', () => actions.tool('pen'));
    this.clearButton.addEventListener('click', () => actions.clear());
    this.removeButton.addEventListener('click', () => actions.remove());
    this.actions = actions;
    this.setDocument(null);
  }

  get isOpen() {
    return !this.section.hidden;
  }

  /** @param {boolean} open */
  open(open) {
    if (open === this.isOpen) {
      return;
    }
    this.section.hidden = !open;
    this.toggle.setAttribute('aria-pressed', String(open));
    this.actions.opened(open);
  }

  /** @param {number} maxMegabytes */
  setLimit(maxMegabytes) {
    setMessage(this.hint, 'wb.uploadHint', { max: maxMegabytes });
  }

  /**
   * @param {ListedFile[]} files
   * @param {string | null} current
   */
  setFiles(files, current) {
    this.files.replaceChildren(...files.map((f) => h('option', f.name === null
      ? { value: f.id, i18n: 'wb.encryptedFile' } : { value: f.id, text: f.name })));
    this.files.disabled = files.length === 0;
    this.files.value = current && files.some((f) => f.id === current) ? current : '';
  }

  /**
   * What is shown: a page of a document, or nothing (then only upload is offered).
   * @param {{ page: number, pages: number, zoom: number, canRemove: boolean } | null} doc
   */
  setDocument(doc) {
    this.docTools.hidden = doc === null;
    if (doc === null) {
      return;
    }
    setMessage(this.pageLabel, 'wb.pageOf', { page: doc.page, pages: doc.pages });
    setMessage(this.zoomLabel, 'wb.zoom', { percent: Math.round(doc.zoom * 100) });
    this.prev.disabled = doc.page <= 1;
    this.next.disabled = doc.page >= doc.pages;
    this.removeButton.hidden = !doc.canRemove;
  }

  /** @param {{ zoomOut: boolean, zoomIn: boolean }} can */
  setZoomBounds(can) {
    this.zoomOut.disabled = !can.zoomOut;
    this.zoomIn.disabled = !can.zoomIn;
  }

  /** @param {Tool} tool */
  setTool(tool) {
    this.pointerTool.setAttribute('aria-pressed', String(tool === 'pointer'));
    this.penTool.setAttribute('aria-pressed', String(tool === 'pen'));
    this.viewport.classList.toggle('pen', tool === 'pen');
  }

  /**
   * Upload progress: null hides it.
   * @param {{ key: MsgKey, sent: number } | null} p sent: 0..1
   */
  setProgress(p) {
    this.progress.hidden = p === null;
    this.uploadButton.disabled = p !== null;
    if (p === null) {
      setMessage(this.progressLabel, null);
      return;
    }
    this.progress.value = p.sent;
    setMessage(this.progressLabel, p.key, { percent: Math.round(p.sent * 100) });
  }

  /**
   * @param {MsgKey | null} key
   * @param {Record<string, string | number>} [params]
   */
  setError(key, params) {
    setMessage(this.error, key, params);
  }

  /** @param {MsgKey | null} key */
  setStatus(key) {
    setMessage(this.status, key);
  }

  /** Width the page may take at zoom 1 (CSS pixels). */
  fitWidth() {
    return Math.max(200, this.viewport.clientWidth - 16);
  }
}
