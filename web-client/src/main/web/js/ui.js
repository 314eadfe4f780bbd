// Small DOM helpers shared by both pages. No framework: elements are found by id and built with h().
import { applyTranslations, getLang, onLangChange, setLang, t } from './i18n.js';

/**
 * The element with this id, checked to be of the expected type (a missing element is a programming error).
 * @template {Element} T
 * @param {string} id
 * @param {{ new (...args: any[]): T, prototype: T }} type
 * @returns {T}
 */
export function byId(id, type) {
  const el = document.getElementById(id);
  if (!(el instanceof type)) {
    throw new Error(`#${id} is missing or not a ${type.name}`);
  }
  return el;
}

/**
 * Builds an element. Attributes whose value is false/null/undefined are left out; `text` sets textContent,
 * `i18n` a translation key (kept in data-i18n so a language switch re-translates it).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string | number | boolean | null | undefined>} [attrs]
 * @param {(Node | string)[]} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, children = []) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (name === 'text') {
      el.textContent = String(value);
    } else if (name === 'i18n') {
      el.dataset.i18n = String(value);
      el.textContent = t(/** @type {import('./i18n.js').MsgKey} */ (String(value)));
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  el.append(...children);
  return el;
}

/**
 * @param {HTMLElement} el
 * @param {boolean} visible
 */
export function show(el, visible) {
  el.hidden = !visible;
}

/**
 * Shows a translated message in a status/alert element, or hides it when key is null.
 * @param {HTMLElement} el
 * @param {import('./i18n.js').MsgKey | null} key
 * @param {Record<string, string | number>} [params]
 */
export function setMessage(el, key, params) {
  if (key === null) {
    el.textContent = '';
    delete el.dataset.i18n;
    el.hidden = true;
    return;
  }
  el.dataset.i18n = key;
  el.dataset.i18nParams = params ? JSON.stringify(params) : '';
  el.textContent = t(key, params);
  el.hidden = false;
}

/**
 * Wires the language toggle button (data-testid lang-toggle) and translates the page once.
 * @param {() => void} [rerender] page-specific texts that are not plain data-i18n elements
 */
export function setupLanguage(rerender) {
  applyTranslations(document);
  const toggle = byId('lang-toggle', HTMLButtonElement);
  const label = () => {
    // The button names the language it switches TO, in that language.
    toggle.textContent = getLang() === 'de' ? 'English' : 'Deutsch';
    toggle.setAttribute('lang', getLang() === 'de' ? 'en' : 'de');
    toggle.setAttribute('aria-label', t('lang.switch'));
  };
  label();
  toggle.addEventListener('click', () => setLang(getLang() === 'de' ? 'en' : 'de'));
  onLangChange(() => {
    applyTranslations(document);
    label();
    rerender?.();
  });
}

/**
 * Date and time in the user's language.
 * @param {string | Date} when
 */
export function formatDateTime(when) {
  const d = typeof when === 'string' ? new Date(when) : when;
  return new Intl.DateTimeFormat(getLang(), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** @param {string | Date} when */
export function formatTime(when) {
  const d = typeof when === 'string' ? new Date(when) : when;
  return new Intl.DateTimeFormat(getLang(), { timeStyle: 'short' }).format(d);
}

/**
 * A duration in whole minutes or hours in the user's language ("3 Minuten", "2 hours").
 * @param {number} minutes
 */
export function formatMinutes(minutes) {
  const [value, unit] = minutes < 60 ? [minutes, 'minute'] : [Math.floor(minutes / 60), 'hour'];
  return new Intl.NumberFormat(getLang(), { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/**
 * Copies text to the clipboard; falls back to a selected hidden textarea where the async API is missing.
 * @param {string} text
 * @returns {Promise<boolean>}
 */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = h('textarea', { readonly: true, class: 'offscreen' });
    area.value = text;
    document.body.append(area);
    area.select();
    // execCommand is deprecated but still the only way where the Clipboard API is refused (no focus, old browser).
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}
