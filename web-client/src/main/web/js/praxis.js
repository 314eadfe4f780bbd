// The doctor's app `/praxis`: login, waiting list, access codes, rooms, and the consultation with admitting
// further guests into the same session. The bearer token lives in this tab's sessionStorage (never a cookie).
import { Api, ApiError } from './api.js';
import { Consultation } from './consultation.js';
import { t } from './i18n.js';
import { acquireLocalMedia, stopStream } from './media.js';
import { CodesPanel } from './praxis-codes.js';
import { RoomsPanel } from './praxis-rooms.js';
import { StatsPanel } from './praxis-stats.js';
import { WaitingList } from './praxis-waiting.js';
import { Signaling, SignalingError } from './signaling.js';
import { byId, setMessage, setupLanguage, show } from './ui.js';

const TOKEN_KEY = 'sz.token';

/**
 * @typedef {import('./api.js').Account} Account
 * @typedef {import('./praxis-waiting.js').WaitingEntry} WaitingEntry
 * @typedef {import('./media.js').LocalMedia} LocalMedia
 */

const api = new Api(() => sessionStorage.getItem(TOKEN_KEY));
const els = {
  loginSection: byId('login-section', HTMLElement),
  loginForm: byId('login-form', HTMLFormElement),
  loginUser: byId('login-user', HTMLInputElement),
  loginPassword: byId('login-password', HTMLInputElement),
  loginSubmit: byId('login-submit', HTMLButtonElement),
  loginError: byId('login-error', HTMLElement),
  app: byId('app', HTMLElement),
  accountInfo: byId('account-info', HTMLElement),
  logout: byId('logout', HTMLButtonElement),
  linkState: byId('link-state', HTMLElement),
  waitingError: byId('waiting-error', HTMLElement),
  callSection: byId('call-section', HTMLElement),
  callContainer: byId('call-container', HTMLElement),
  callMediaProblem: byId('call-media-problem', HTMLElement),
  office: byId('office', HTMLElement),
  localVideo: byId('local-video', HTMLVideoElement),
};

/** @type {Account | null} */
let account = null;
/** @type {Signaling | null} */
let signaling = null;
/** @type {Promise<LocalMedia> | null} */
let media = null;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let staleCallTimer;

const codes = new CodesPanel(api);
const rooms = new RoomsPanel(api, (roomId) => void codes.show(roomId));
const stats = new StatsPanel(api);
const waiting = new WaitingList({ admit: (e) => void admit(e), decline: (e) => void decline(e) });
const consultation = new Consultation({
  get signaling() {
    return /** @type {Signaling} */ (signaling);
  },
  container: els.callContainer,
  localVideo: els.localVideo,
  hangupKey: 'call.endSession',
  localMedia: async () => (await ensureMedia()).stream,
  hangup: () => void endSession(),
  onStarted: () => {
    show(els.callSection, true);
    show(els.office, false);
    waiting.setInCall(true);
  },
});

async function main() {
  setupLanguage(rerender);
  els.loginForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void login();
  });
  els.logout.addEventListener('click', () => void logout());
  rerender();
  if (sessionStorage.getItem(TOKEN_KEY)) {
    try {
      await startApp(await api.me());
      return;
    } catch (e) {
      sessionStorage.removeItem(TOKEN_KEY);
      if (!(e instanceof ApiError && (e.status === 401 || e.status === 403))) {
        setMessage(els.loginError, 'error.network');
      }
    }
  }
  showLogin();
}

function showLogin() {
  show(els.app, false);
  show(els.loginSection, true);
  show(els.logout, false);
  show(els.accountInfo, false);
  show(els.linkState, false);
  els.loginUser.focus();
}

async function login() {
  setMessage(els.loginError, null);
  const user = els.loginUser.value.trim();
  const password = els.loginPassword.value;
  if (!user || !password) {
    setMessage(els.loginError, 'login.error.missing');
    return;
  }
  els.loginSubmit.disabled = true;
  try {
    const result = await api.login(user, password);
    sessionStorage.setItem(TOKEN_KEY, result.token);
    els.loginPassword.value = '';
    await startApp(result.account);
  } catch (e) {
    const code = e instanceof ApiError ? e.code : '';
    if (code === 'too_many_requests' && e instanceof ApiError) {
      setMessage(els.loginError, 'error.tooManyRequests', { seconds: e.retryAfter ?? 60 });
    } else {
      setMessage(els.loginError, code === 'invalid_credentials' ? 'login.error.invalid'
        : code === 'network_error' ? 'error.network' : 'error.unexpected');
    }
  } finally {
    els.loginSubmit.disabled = false;
  }
}

/** @param {Account} me */
async function startApp(me) {
  account = me;
  show(els.loginSection, false);
  show(els.app, true);
  show(els.logout, true);
  els.accountInfo.textContent = `${me.displayName || me.login} · ${me.practiceName}`;
  show(els.accountInfo, true);
  stats.show(me);
  connect();
  await rooms.load();
}

function connect() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) {
    return;
  }
  signaling = new Signaling(token, {
    onMessage: onSignal,
    onWelcome: (w) => {
      if (!w.resumed && consultation.active) {
        // A fresh connection: if the server still has us in the session it says so right away; otherwise
        // the call is over on its side.
        clearTimeout(staleCallTimer);
        staleCallTimer = setTimeout(endCall, 3000);
      }
    },
    onState: (state) => {
      consultation.setLink(state);
      renderLinkState();
    },
    onFatal: (code) => {
      endCall();
      if (code === 'unauthorized' || code === 'token_revoked') {
        sessionStorage.removeItem(TOKEN_KEY);
        setMessage(els.loginError, 'login.error.expired');
        showLogin();
      } else {
        setMessage(els.waitingError, 'praxis.replaced');
      }
    },
  });
  signaling.start();
  renderLinkState();
}

/**
 * @param {string} type
 * @param {any} data
 */
function onSignal(type, data) {
  if (type === 'session') {
    clearTimeout(staleCallTimer);
  }
  if (consultation.handle(type, data)) {
    return;
  }
  if (type === 'waiting') {
    waiting.update(Array.isArray(data.entries) ? data.entries : []);
  } else if (type === 'session-ended') {
    if (!consultation.sessionId || data.sessionId === consultation.sessionId) {
      endCall();
    }
  } else if (type === 'error') {
    console.warn('signaling error', data.code);
  }
}

function ensureMedia() {
  if (!media) {
    media = acquireLocalMedia();
    void media.then(({ problem }) => setMessage(els.callMediaProblem, problem ? `media.${problem}` : null));
  }
  return media;
}

/** @param {WaitingEntry} entry */
async function admit(entry) {
  setMessage(els.waitingError, null);
  if (!signaling) {
    return;
  }
  // The camera is asked for before the guest is let in, so our tracks are there when negotiation starts.
  await ensureMedia();
  /** @type {{ guestId: string, sessionId?: string }} */
  const data = { guestId: entry.guestId };
  if (consultation.sessionId) {
    data.sessionId = consultation.sessionId;
  }
  try {
    await signaling.request('admit', data);
  } catch (e) {
    const code = e instanceof SignalingError ? e.code : '';
    setMessage(els.waitingError, code === 'unknown_guest' ? 'waiting.error.gone'
      : code === 'session_full' ? 'waiting.error.full' : 'error.unexpected', { name: entry.name });
  }
}

/** @param {WaitingEntry} entry */
async function decline(entry) {
  setMessage(els.waitingError, null);
  if (!signaling || !confirm(t('waiting.confirmDecline', { name: entry.name }))) {
    return;
  }
  try {
    await signaling.request('decline', { guestId: entry.guestId });
  } catch (e) {
    const code = e instanceof SignalingError ? e.code : '';
    setMessage(els.waitingError, code === 'unknown_guest' ? 'waiting.error.gone' : 'error.unexpected', { name: entry.name });
  }
}

async function endSession() {
  const sessionId = consultation.sessionId;
  if (sessionId && signaling) {
    try {
      await signaling.request('end-session', { sessionId }, 5000);
    } catch (e) {
      console.warn('end-session', e instanceof SignalingError ? e.code : e);
    }
  }
  endCall();
}

function endCall() {
  clearTimeout(staleCallTimer);
  const wasActive = consultation.active;
  consultation.end();
  els.localVideo.hidden = true;
  els.localVideo.srcObject = null;
  els.callSection.after(els.localVideo);
  // The camera goes off between consultations.
  void media?.then(({ stream }) => stopStream(stream));
  media = null;
  setMessage(els.callMediaProblem, null);
  show(els.callSection, false);
  show(els.office, true);
  waiting.setInCall(false);
  if (wasActive) {
    void codes.reload();
  }
}

async function logout() {
  if (consultation.active && !confirm(t('praxis.confirmLogout'))) {
    return;
  }
  await endSession();
  try {
    await api.logout();
  } catch {
    // The token is forgotten here either way.
  }
  signaling?.close();
  signaling = null;
  sessionStorage.removeItem(TOKEN_KEY);
  account = null;
  waiting.update([]);
  showLogin();
}

function renderLinkState() {
  const state = signaling?.state ?? 'closed';
  els.linkState.dataset.state = state;
  els.linkState.textContent = t(state === 'online' ? 'link.online' : state === 'closed' ? 'link.closed' : 'link.reconnecting');
  show(els.linkState, account !== null);
}

function rerender() {
  waiting.setBaseTitle(t('praxis.pageTitle'));
  waiting.render();
  codes.render();
  rooms.render();
  stats.render();
  consultation.rerender();
  renderLinkState();
}

void main();
