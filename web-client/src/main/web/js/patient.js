// The patient's start page `/`: code + name + consent, camera preview and waiting room, the consultation,
// and its end. The guest token lives in this tab's sessionStorage only (a reload keeps the place in the
// waiting room; closing the tab forgets it) and is never put in a URL or a cookie.
import { Api, ApiError, displayCode, normalizeCode } from './api.js';
import { Consultation } from './consultation.js';
import { t } from './i18n.js';
import { acquireLocalMedia, stopStream } from './media.js';
import { Signaling } from './signaling.js';
import { byId, formatDateTime, setMessage, setupLanguage, show } from './ui.js';

const GUEST_KEY = 'sz.guest';

/**
 * @typedef {import('./api.js').GuestRoom} GuestRoom
 * @typedef {import('./media.js').LocalMedia} LocalMedia
 * @typedef {'ended' | 'left' | 'declined' | 'revoked' | 'expired' | 'replaced'} EndReason
 */

const api = new Api(() => guest?.token ?? null);
const els = {
  stepJoin: byId('step-join', HTMLElement),
  stepWait: byId('step-wait', HTMLElement),
  stepCall: byId('step-call', HTMLElement),
  stepEnded: byId('step-ended', HTMLElement),
  form: byId('join-form', HTMLFormElement),
  code: byId('join-code', HTMLInputElement),
  name: byId('join-name', HTMLInputElement),
  consent: byId('join-consent', HTMLInputElement),
  submit: byId('join-submit', HTMLButtonElement),
  joinError: byId('join-error', HTMLElement),
  practice: byId('wait-practice', HTMLElement),
  waitText: byId('wait-text', HTMLElement),
  localVideo: byId('local-video', HTMLVideoElement),
  previewTile: byId('preview-tile', HTMLElement),
  mediaState: byId('media-state', HTMLElement),
  mediaProblem: byId('media-problem', HTMLElement),
  mediaRetry: byId('media-retry', HTMLButtonElement),
  leave: byId('wait-leave', HTMLButtonElement),
  callContainer: byId('call-container', HTMLElement),
  endedTitle: byId('ended-title', HTMLElement),
  endedDetail: byId('ended-detail', HTMLElement),
};

/** @type {{ token: string, room: GuestRoom } | null} */
let guest = null;
/** @type {Promise<LocalMedia> | null} */
let media = null;
/** @type {Signaling | null} */
let signaling = null;
/** @type {Consultation | null} */
let consultation = null;
/** @type {EndReason | null} */
let ended = null;

function main() {
  setupLanguage(rerender);
  takeCodeFromFragment();
  window.addEventListener('hashchange', takeCodeFromFragment); // a link opened while the page is open
  els.code.addEventListener('blur', () => {
    const code = normalizeCode(els.code.value);
    if (code) {
      els.code.value = displayCode(code);
    }
  });
  els.form.addEventListener('submit', (e) => {
    e.preventDefault();
    void join();
  });
  els.mediaRetry.addEventListener('click', () => void startPreview());
  els.leave.addEventListener('click', () => void leaveWaitingRoom());
  // Closing or reloading the page while waiting: off the doctor's list now, not 30 s later (a reload comes
  // straight back with the token, to the same place).
  window.addEventListener('pagehide', () => {
    if (signaling && !ended && !consultation?.active && signaling.state === 'online') {
      signaling.send('leave', {});
      signaling.close();
    }
  });
  // Back from the browser's page cache: the link was closed on the way out, so start again from the token.
  window.addEventListener('pageshow', (e) => {
    if (e.persisted && guest) {
      location.reload();
    }
  });

  rerender();
  void resumeAfterReload();
}

/** After a reload the tab still holds its guest token: back to the waiting room (or call) if it still works. */
async function resumeAfterReload() {
  const stored = sessionStorage.getItem(GUEST_KEY);
  try {
    guest = stored ? JSON.parse(stored) : null;
  } catch {
    guest = null;
  }
  if (guest) {
    show(els.stepJoin, false); // no flash of the form while the token is checked
    try {
      guest.room = (await api.guestMe()).room;
      enterWaitingRoom();
      return;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        guest = null;
        sessionStorage.removeItem(GUEST_KEY);
        setMessage(els.joinError, 'join.error.tokenGone');
        show(els.stepJoin, true);
      } else {
        enterWaitingRoom(); // server unreachable for now: the signaling link keeps trying
        return;
      }
    }
  }
  if (els.code.value) {
    els.name.focus();
  } else {
    els.code.focus();
  }
}

/** A link `/#K7QM-4XRT-9HWP` fills the code; the fragment then leaves the address bar and the history. */
function takeCodeFromFragment() {
  const fragment = decodeURIComponent(location.hash.slice(1));
  if (!fragment) {
    return;
  }
  const code = normalizeCode(fragment);
  if (code) {
    els.code.value = displayCode(code);
  }
  history.replaceState(null, '', location.pathname + location.search);
}

async function join() {
  setMessage(els.joinError, null);
  const code = normalizeCode(els.code.value);
  const name = els.name.value.trim();
  /** @type {[HTMLInputElement, import('./i18n.js').MsgKey] | null} */
  const invalid = !code ? [els.code, 'join.error.codeFormat']
    : !name ? [els.name, 'join.error.nameMissing']
      : !els.consent.checked ? [els.consent, 'join.error.consentMissing'] : null;
  for (const input of [els.code, els.name, els.consent]) {
    input.removeAttribute('aria-invalid');
  }
  if (invalid || !code) {
    const [input, key] = invalid ?? [els.code, 'join.error.codeFormat'];
    input.setAttribute('aria-invalid', 'true');
    setMessage(els.joinError, key);
    input.focus();
    return;
  }
  els.submit.disabled = true;
  try {
    const redeemed = await api.redeem(code, name, true);
    guest = { token: redeemed.guestToken, room: redeemed.room };
    sessionStorage.setItem(GUEST_KEY, JSON.stringify(guest));
    els.form.reset();
    enterWaitingRoom();
  } catch (e) {
    showJoinError(e);
  } finally {
    els.submit.disabled = false;
  }
}

/** @param {unknown} e */
function showJoinError(e) {
  if (!(e instanceof ApiError)) {
    setMessage(els.joinError, 'error.unexpected');
    return;
  }
  switch (e.code) {
    case 'invalid_code':
      setMessage(els.joinError, 'join.error.invalidCode');
      break;
    case 'code_expired':
      setMessage(els.joinError, 'join.error.codeExpired');
      break;
    case 'code_not_yet_valid':
      setMessage(els.joinError, 'join.error.notYetValid', {
        from: typeof e.details.validFrom === 'string' ? formatDateTime(e.details.validFrom) : '—',
      });
      break;
    case 'invalid_name':
      setMessage(els.joinError, 'join.error.nameMissing');
      break;
    case 'consent_required':
      setMessage(els.joinError, 'join.error.consentMissing');
      break;
    case 'too_many_requests':
      setMessage(els.joinError, 'error.tooManyRequests', { seconds: e.retryAfter ?? 60 });
      break;
    case 'network_error':
      setMessage(els.joinError, 'error.network');
      break;
    default:
      setMessage(els.joinError, 'error.unexpected');
  }
}

function enterWaitingRoom() {
  if (!guest) {
    return;
  }
  showStep(els.stepWait);
  renderRoom(guest.room);
  void startPreview();
  signaling = new Signaling(guest.token, {
    onMessage: onSignal,
    onState: (state) => {
      consultation?.setLink(state);
      renderWaitStatus();
    },
    onFatal: (code) => finish(code === 'replaced' ? 'replaced' : code === 'unauthorized' ? 'expired' : 'revoked'),
  });
  consultation = new Consultation({
    signaling,
    container: els.callContainer,
    localVideo: els.localVideo,
    hangupKey: 'call.hangup',
    localMedia: async () => (media ? (await media).stream : null),
    hangup: (c) => {
      const sessionId = c.sessionId;
      if (sessionId && signaling) {
        // Leaving revokes our token on the server; we do not wait long for the answer.
        signaling.request('leave', { sessionId }, 3000).catch(() => {}).finally(() => finish('left'));
      } else {
        finish('left');
      }
    },
    onStarted: () => showStep(els.stepCall),
  });
  signaling.start();
}

/**
 * @param {string} type
 * @param {any} data
 */
function onSignal(type, data) {
  if (consultation?.handle(type, data)) {
    return;
  }
  switch (type) {
    case 'waiting-room':
      if (guest && data.room) {
        guest.room = data.room;
        renderRoom(data.room);
      }
      if (consultation?.active) {
        // Back in the waiting room (our place in the session expired): the doctor can admit us again.
        consultation.end();
        els.previewTile.prepend(els.localVideo);
        void media?.then(({ stream }) => (els.localVideo.srcObject = stream));
        showStep(els.stepWait);
      }
      break;
    case 'declined':
      finish('declined');
      break;
    case 'session-ended':
      finish('ended');
      break;
    case 'error':
      console.warn('signaling error', data.code);
      break;
    default:
      break;
  }
}

async function startPreview() {
  if (media) {
    stopStream((await media).stream);
  }
  setMessage(els.mediaProblem, null);
  els.mediaRetry.hidden = true;
  setMessage(els.mediaState, 'media.asking');
  media = acquireLocalMedia();
  const { stream, problem } = await media;
  if (ended) {
    stopStream(stream);
    return;
  }
  els.localVideo.srcObject = stream;
  els.previewTile.classList.toggle('no-video', !stream || stream.getVideoTracks().length === 0);
  setMessage(els.mediaState, stream ? 'media.ready' : null);
  if (problem) {
    setMessage(els.mediaProblem, `media.${problem}`);
    els.mediaRetry.hidden = false;
  }
}

/** @param {GuestRoom} room */
function renderRoom(room) {
  els.practice.textContent = [room.practiceName, room.name].filter(Boolean).join(' – ');
  // The practice's own text, shown as plain text with its line breaks (never as HTML).
  els.waitText.textContent = room.waitingText ?? '';
  els.waitText.hidden = !room.waitingText;
}

function renderWaitStatus() {
  const state = signaling?.state;
  setMessage(byId('wait-status', HTMLElement), state === 'online' ? 'wait.status' : state === 'closed' ? null : 'wait.connecting');
}

/** The patient gives up waiting: off the doctor's list at once (we do not wait long for the answer). */
async function leaveWaitingRoom() {
  if (signaling && signaling.state === 'online' && !consultation?.active) {
    await signaling.request('leave', {}, 3000).catch(() => {});
  }
  finish('left');
}

/** @param {EndReason} reason */
function finish(reason) {
  if (ended) {
    return;
  }
  ended = reason;
  sessionStorage.removeItem(GUEST_KEY);
  guest = null;
  consultation?.end();
  signaling?.close();
  void media?.then(({ stream }) => stopStream(stream));
  els.localVideo.srcObject = null;
  renderEnded();
  showStep(els.stepEnded);
}

function renderEnded() {
  if (!ended) {
    return;
  }
  const keys = {
    ended: /** @type {const} */ (['ended.title', 'ended.byPractice']),
    left: /** @type {const} */ (['ended.leftTitle', 'ended.left']),
    declined: /** @type {const} */ (['ended.declinedTitle', 'ended.declined']),
    revoked: /** @type {const} */ (['ended.title', 'ended.revoked']),
    expired: /** @type {const} */ (['ended.expiredTitle', 'ended.expired']),
    replaced: /** @type {const} */ (['ended.replacedTitle', 'ended.replaced']),
  }[ended];
  setMessage(els.endedTitle, keys[0]);
  setMessage(els.endedDetail, keys[1]);
}

/** @param {HTMLElement} step */
function showStep(step) {
  for (const s of [els.stepJoin, els.stepWait, els.stepCall, els.stepEnded]) {
    show(s, s === step);
  }
  const heading = step.querySelector('h1');
  if (heading && step !== els.stepCall) {
    heading.tabIndex = -1;
    heading.focus();
  }
}

function rerender() {
  document.title = t('patient.pageTitle');
  consultation?.rerender();
  renderWaitStatus();
  renderEnded();
}

main();
