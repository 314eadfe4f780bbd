// Helpers for the browser end-to-end tests: Debian's Chromium with fake camera/microphone (flags exactly as in
// TESTING.md), one context per person, and in-page probes that read what the browser really does (peer
// connections' getStats(), WebSockets) without any test hook in the product code.
import { chromium } from 'playwright-core';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
  '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];

/** Every wait has an explicit limit (TESTING.md: a broken call may sit at `new` forever). */
// Generous: CI has 2 cores shared by the server, three browsers and Redis; a wait costs time only when it fails.
export const WAIT = { short: 10000, ui: 20000, media: 40000 };

/**
 * @param {'fake-devices' | 'prompts-unanswered' | 'no-devices'} [kind] the TESTING.md flags; or without the fake
 *   permission UI (headless Chromium then refuses camera and microphone, like a user who clicks "block"); or
 *   without fake devices too (a machine with neither camera nor microphone)
 * @param {string[]} [extraArgs] more Chromium flags (e.g. --host-resolver-rules for a host name in the namespace)
 */
export function launch(kind = 'fake-devices', extraArgs = []) {
  const drop = kind === 'prompts-unanswered' ? ['--use-fake-ui-for-media-stream']
    : kind === 'no-devices' ? ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] : [];
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: [...CHROMIUM_ARGS.filter((a) => !drop.includes(a)), ...everyBrowser.args, ...extraArgs],
    env: everyBrowser.home ? { ...process.env, HOME: everyBrowser.home } : process.env });
}

/** What every browser of this run gets: more flags, and a HOME of its own (its NSS database of trusted CAs). */
const everyBrowser = { args: /** @type {string[]} */ ([]), home: /** @type {string | undefined} */ (undefined) };

/**
 * @param {{ args?: string[], home?: string }} options e.g. a HOME whose .pki/nssdb trusts the test's CA (the
 *   TURN relay's TLS certificate), or --ignore-certificate-errors-spki-list where no certutil made such a database
 */
export function configureBrowsers({ args = [], home } = {}) {
  everyBrowser.args = args;
  everyBrowser.home = home;
}

/**
 * Runs before every page script: keeps a list of the page's RTCPeerConnections and WebSockets so the test
 * can read stats and drop the socket. Injected over CDP, so the page's strict CSP does not apply to it.
 */
function probe() {
  const w = /** @type {any} */ (window);
  w.__szPcs = [];
  w.__szSockets = [];
  // The strict CSP must never have to block anything the pages themselves do (inline script or style).
  w.__szCspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => w.__szCspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  const PC = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends PC {
    constructor(...args) {
      super(...args);
      w.__szPcs.push(this);
      // A diary of each connection's states, written to the artifacts when a scenario fails.
      const diary = [];
      w.__szPcDiary = w.__szPcDiary ?? [];
      w.__szPcDiary.push(diary);
      // Wall-clock times, comparable with the WebSocket frames' `_at` and the tile log.
      const note = (what) => diary.push(`${new Date().toISOString().slice(11, 23)} ${what}`);
      for (const e of ['signalingstatechange', 'icegatheringstatechange', 'iceconnectionstatechange', 'connectionstatechange']) {
        this.addEventListener(e, () => note(`${e} ${this.signalingState}/${this.iceGatheringState}/${this.iceConnectionState}/${this.connectionState}`));
      }
      this.addEventListener('icecandidate', (ev) => note(`icecandidate ${ev.candidate ? ev.candidate.type : 'end'}`));
      // Why a STUN/TURN server gave no candidate (e.g. 701 for a TLS handshake that failed); no address.
      this.addEventListener('icecandidateerror', (ev) => note(`icecandidateerror ${ev.url} ${ev.errorCode} ${ev.errorText}`));
      this.addEventListener('negotiationneeded', () => note('negotiationneeded'));
      for (const m of ['setLocalDescription', 'setRemoteDescription']) {
        const orig = this[m].bind(this);
        this[m] = (d) => {
          note(`${m}(${d?.type ?? 'implicit'}) in ${this.signalingState}`);
          return orig(d).then((r) => (note(`${m} done -> ${this.signalingState}`), r), (err) => (note(`${m} failed ${err.name}`), Promise.reject(err)));
        };
      }
    }
  };
  // When remote tiles appear and go, for the failure diary (the page's own view, by participant id).
  w.__szTiles = [];
  new MutationObserver((records) => {
    for (const r of records) {
      for (const [nodes, what] of [[r.addedNodes, 'tile added'], [r.removedNodes, 'tile removed']]) {
        nodes.forEach((n) => {
          if (n instanceof HTMLElement && n.matches('figure.tile.remote')) {
            w.__szTiles.push(`${new Date().toISOString().slice(11, 23)} ${what} ${n.dataset.participantId}`);
          }
        });
      }
    }
  }).observe(document, { childList: true, subtree: true });
  const WS = window.WebSocket;
  window.WebSocket = class extends WS {
    constructor(...args) {
      super(...args);
      w.__szSockets.push(this);
    }
  };
}

/**
 * A person with their own browser context (separate storage, like their own machine).
 * Records what the privacy check needs: tokens seen in API answers and WebSocket frames.
 */
export async function person(browser, name, { secrets, credentials }, artifacts) {
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } });
  await context.addInitScript(probe);
  const page = await context.newPage();
  const frames = { sent: [], received: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') {
      appendFileSync(join(artifacts, `${name}.console.log`), `${m.type()}: ${m.text()}\n`);
    }
  });
  const errors = [];
  page.on('pageerror', (e) => {
    errors.push(e.message);
    appendFileSync(join(artifacts, `${name}.console.log`), `pageerror: ${e.message}\n`);
  });
  // Confirmations (decline, delete) are answered yes, as the doctor would.
  page.on('dialog', (d) => void d.accept());
  page.on('response', async (r) => {
    if (!r.url().includes('/api/')) {
      return;
    }
    try {
      const body = await r.json();
      for (const key of ['token', 'guestToken', 'ticket']) {
        if (typeof body?.[key] === 'string') {
          secrets.add(body[key]);
          credentials.add(body[key]);
        }
      }
    } catch {
      // 204 or not JSON
    }
  });
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => frames.sent.push(parse(f.payload)));
    ws.on('framereceived', (f) => {
      const msg = parse(f.payload);
      frames.received.push(msg);
      if (msg?.type === 'welcome' && msg.data?.resumeToken) {
        secrets.add(msg.data.resumeToken);
        credentials.add(msg.data.resumeToken);
      }
      if (msg?.type === 'session') {
        for (const ticket of Object.values(msg.data?.tickets ?? {})) {
          secrets.add(String(ticket));
        }
        // TURN REST credentials: neither signaling nor the relay may log the username or the password.
        for (const ice of msg.data?.iceServers ?? []) {
          for (const value of [ice.username, ice.credential]) {
            if (typeof value === 'string') {
              secrets.add(value);
            }
          }
        }
      }
    });
  });
  return { name, context, page, frames, errors };
}

/** No uncaught script error and no CSP violation on this person's page. */
export async function expectCleanPage(p) {
  check(p.errors.length === 0, `${p.name}: no uncaught script errors (${p.errors.join('; ')})`);
  const violations = await p.page.evaluate(() => window.__szCspViolations ?? []);
  check(violations.length === 0, `${p.name}: no Content-Security-Policy violations (${violations.join('; ')})`);
}

function parse(payload) {
  try {
    const msg = JSON.parse(String(payload));
    msg._at = new Date().toISOString().slice(11, 23); // when the test saw it, for the debugging dump
    return msg;
  } catch {
    return null;
  }
}

/** Counts of inbound media on the page's connected peer connections, read from getStats(). */
export async function mediaStats(page) {
  return page.evaluate(async () => {
    const out = [];
    for (const pc of /** @type {any} */ (window).__szPcs) {
      if (pc.connectionState !== 'connected') {
        continue;
      }
      const report = await pc.getStats();
      const s = { framesDecoded: 0, audioPackets: 0, local: null, remote: null, relayProtocol: null };
      let pair = null;
      report.forEach((r) => {
        if (r.type === 'inbound-rtp' && r.kind === 'video') {
          s.framesDecoded += r.framesDecoded ?? 0;
        } else if (r.type === 'inbound-rtp' && r.kind === 'audio') {
          s.audioPackets += r.packetsReceived ?? 0;
        } else if (r.type === 'transport' && r.selectedCandidatePairId) {
          pair = report.get(r.selectedCandidatePairId);
        }
      });
      if (pair) {
        const local = report.get(pair.localCandidateId);
        s.local = local?.candidateType ?? null;
        s.remote = report.get(pair.remoteCandidateId)?.candidateType ?? null;
        // How this browser reaches its TURN relay (udp, tcp or tls); only set on a relay candidate.
        s.relayProtocol = local?.relayProtocol ?? null;
      }
      out.push(s);
    }
    return out;
  });
}

/**
 * Proof that media flows to this page from `peers` others: as many connected peer connections, each with
 * video frames decoded and audio packets arriving, both growing (polled for up to WAIT.short), on the expected
 * candidate pair (direct unless told otherwise; through a relay also the protocol to the relay). A peer-reflexive
 * candidate counts as host: it is the same direct address, learned from a check that came before its candidate.
 * @param {{ local: string, remote: string, relayProtocol?: string }} [path]
 */
export async function expectMediaFlowing(page, peers, label, path = { local: 'host', remote: 'host' }) {
  const before = await mediaStats(page);
  const zero = { framesDecoded: 0, audioPackets: 0 };
  /** @param {{ framesDecoded: number, audioPackets: number }} a @param {number} i */
  const grown = (a, i) => a.framesDecoded > (before[i] ?? zero).framesDecoded && a.audioPackets > (before[i] ?? zero).audioPackets;
  let after = before;
  const deadline = Date.now() + WAIT.short;
  do {
    await page.waitForTimeout(500);
    after = await mediaStats(page);
  } while (!(after.length === peers && after.every(grown)) && Date.now() < deadline);
  /** @param {string} want @param {string | null} got */
  const matches = (want, got) => got === want || (want === 'host' && got === 'prflx');
  check(after.length === peers, `${label}: ${peers} connected peer connection(s), found ${after.length}`);
  after.forEach((a, i) => {
    const b = before[i] ?? zero;
    check(a.framesDecoded > b.framesDecoded, `${label}: video frames decoded grow (${b.framesDecoded} -> ${a.framesDecoded})`);
    check(a.audioPackets > b.audioPackets, `${label}: audio packets arrive (${b.audioPackets} -> ${a.audioPackets})`);
    check(matches(path.local, a.local) && matches(path.remote, a.remote),
      `${label}: ${path.local}/${path.remote} candidate pair selected (${a.local}/${a.remote})`);
    if (path.relayProtocol) {
      check(a.relayProtocol === path.relayProtocol,
        `${label}: relayed over ${path.relayProtocol} to the TURN relay (${a.relayProtocol})`);
    }
  });
  return after;
}

/**
 * Waits until `count` remote videos show real frames (videoWidth > 0), each from a different participant, and
 * (with `fresh`) at least one of them created after markVideos(): a re-joined peer's new video, not the old one.
 */
export async function expectRemoteVideos(page, count, label, fresh = false) {
  // While a peer reconnects its old and new video may both be on screen for a moment: wait for the settled state.
  await page.waitForFunction(({ n, fresh }) => {
    const videos = /** @type {HTMLVideoElement[]} */ ([...document.querySelectorAll('[data-testid="remote-video"]')]);
    const ids = new Set(videos.map((v) => v.dataset.participantId).filter(Boolean));
    return videos.length === n && ids.size === n && videos.every((v) => v.videoWidth > 0)
      && (!fresh || videos.some((v) => v.dataset.szMarked !== '1'));
  }, { n: count, fresh }, { timeout: WAIT.media }).catch(() => {});
  const ids = await page.$$eval('[data-testid="remote-video"]', (vs) => vs.map((v) => v.dataset.participantId));
  const marked = await page.$$eval('[data-testid="remote-video"]', (vs) => vs.filter((v) => v.dataset.szMarked === '1').length);
  check(!fresh || marked < ids.length, `${label}: a new remote video after the re-join (all ${marked} still the old ones)`);
  check(ids.length === count && new Set(ids).size === count && ids.every(Boolean),
    `${label}: ${count} remote video(s) with distinct participant ids, showing frames (found ${ids.length} video(s), ${new Set(ids).size} distinct id(s))`);
}

/** Marks the remote videos on screen now, so expectRemoteVideos(..., true) can wait for a new one. */
export async function markVideos(page) {
  await page.$$eval('[data-testid="remote-video"]', (vs) => vs.forEach((v) => (v.dataset.szMarked = '1')));
}

export class Failure extends Error {}

export function check(condition, message) {
  if (!condition) {
    throw new Failure(message);
  }
}

/**
 * Writes what run.sh searches for: secrets.txt, strings the server must never log (names, codes, tokens,
 * password); credentials.txt, strings no store may hold in clear (password and tokens: stored as hashes).
 */
export function writeSecrets(artifacts, { secrets, credentials }) {
  mkdirSync(artifacts, { recursive: true });
  const lines = (set) => [...set].filter((s) => s && s.length >= 6).join('\n') + '\n';
  writeFileSync(join(artifacts, 'secrets.txt'), lines(secrets));
  writeFileSync(join(artifacts, 'credentials.txt'), lines(credentials));
}

/** A name no log line could contain by chance. */
export function uniqueName(first) {
  const letters = 'bcdfghjklmnpqrstvwxz';
  let tail = '';
  for (let i = 0; i < 8; i++) {
    tail += letters[Math.floor(Math.random() * letters.length)];
  }
  return `${first} Test${tail}`;
}
