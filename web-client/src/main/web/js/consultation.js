// Ties one consultation together for either page: session messages from the signaling server drive the
// mesh (Call), the mesh and the user's clicks drive the screen (CallView).
import { Call } from './call.js';
import { CallView } from './callview.js';
import { canShareScreen, captureScreen } from './media.js';
import { isRelayed, summarize, telemetryReport } from './stats.js';
import { Whiteboard } from './whiteboard.js';

const STATS_INTERVAL_MS = 2000;
/** statistics.md: at most one telemetry report every 30 s per member (here: per connection). */
const TELEMETRY_MIN_INTERVAL_MS = 30000;

/** The consultation of this page that is in a call now (a page holds one at a time), for reportFeature(). */
/** @type {Consultation | null} */
let running = null;

/**
 * @typedef {'whiteboard' | 'chat' | 'screen-sharing' | 'screenshot'} Feature
 * @typedef {import('./call.js').SessionData & { tickets?: { whiteboard?: string } }} SessionData
 * @typedef {import('./signaling.js').Signaling} Signaling
 * @typedef {{
 *   signaling: Signaling,
 *   container: HTMLElement,
 *   localVideo: HTMLVideoElement,
 *   hangupKey: import('./i18n.js').MsgKey,
 *   localMedia: () => Promise<MediaStream | null>,
 *   hangup: (consultation: Consultation) => void,
 *   onStarted?: () => void,
 * }} ConsultationOptions
 */

export class Consultation {
  /** @type {Call | null} */
  call = null;
  /** @type {CallView | null} */
  view = null;
  /** @type {Whiteboard | null} */
  whiteboard = null;
  /** Session messages are applied in order; the first waits for the camera. */
  #queue = Promise.resolve();
  /** @type {ReturnType<typeof setInterval> | undefined} */
  #statsTimer;
  /** Per peer: what the last telemetry report said about the connection, and when. */
  /** @type {Map<string, { kind: string, at: number }>} */
  #reported = new Map();
  /** Counts end() calls: a start still waiting for the camera when the consultation ends must not go on. */
  #epoch = 0;
  /** `sessionId feature` already reported to signaling. */
  /** @type {Set<string>} */
  #features = new Set();

  /** @param {ConsultationOptions} options */
  constructor(options) {
    this.options = options;
    // Leaving the page by accident (reload, closing the tab) would drop the call: the browser asks first.
    window.addEventListener('beforeunload', (e) => {
      if (this.active) {
        e.preventDefault();
      }
    });
  }

  get active() {
    return this.call !== null;
  }

  get sessionId() {
    return this.call?.sessionId ?? null;
  }

  /**
   * Takes the session messages of the protocol; anything else is left to the page.
   * @param {string} type
   * @param {any} data
   * @returns {boolean} whether the message was a session message
   */
  handle(type, data) {
    if (!['session', 'peer-joined', 'peer-left', 'signal'].includes(type)) {
      return false;
    }
    this.#queue = this.#queue
      .then(() => this.#apply(type, data))
      .catch((e) => console.warn('session message not applied', type, e instanceof Error ? e.name : e));
    return true;
  }

  /** @param {import('./signaling.js').LinkState} state */
  setLink(state) {
    this.view?.setLink(state);
  }

  /** Closes every peer connection (the local camera stays with the page). */
  end() {
    this.#epoch++;
    clearInterval(this.#statsTimer);
    this.#reported.clear();
    this.whiteboard?.close();
    this.whiteboard = null;
    this.call?.close();
    this.call = null;
    this.view = null;
    if (running === this) {
      running = null;
    }
    this.options.container.replaceChildren();
  }

  /** Texts that are not plain data-i18n elements, after a language switch. */
  rerender() {
    this.view?.renderStatus();
  }

  /**
   * @param {string} type
   * @param {any} data
   */
  async #apply(type, data) {
    if (type === 'session') {
      if (this.call) {
        this.call.update(data);
        this.whiteboard?.setTicket(data.tickets?.whiteboard ?? null);
      } else {
        await this.#start(data);
      }
      return;
    }
    const call = this.call;
    if (!call) {
      return;
    }
    if (type === 'peer-joined') {
      call.addPeer(data, true);
    } else if (type === 'peer-left') {
      call.removePeer(String(data.participantId));
    } else if (type === 'signal') {
      call.onSignal(data);
    }
  }

  /** @param {SessionData} session */
  async #start(session) {
    const { signaling, container, localVideo, hangupKey } = this.options;
    const epoch = this.#epoch;
    const stream = await this.options.localMedia();
    if (epoch !== this.#epoch) {
      return;
    }
    const view = new CallView(container, localVideo, { hangupKey, canShare: canShareScreen() }, {
      toggleAudio: () => this.#toggle('audio'),
      toggleVideo: () => this.#toggle('video'),
      toggleScreen: () => void this.#toggleScreen(),
      hangup: () => this.options.hangup(this),
      sendChat: (text) => {
        const sent = this.call?.sendChat(text) ?? false;
        if (sent) {
          this.reportFeature('chat');
        }
        return sent;
      },
    });
    this.view = view;
    view.setLink(signaling.state);
    const call = new Call({
      send: (type, payload) => signaling.send(type, payload),
      session,
      localStream: stream,
      events: {
        onPeerAdded: (peer) => {
          view.addPeer(peer);
          const link = this.call?.links.get(peer.participantId);
          if (link) {
            this.whiteboard?.addLink(link);
          }
        },
        onPeerStream: (id, s) => view.setPeerStream(id, s),
        onPeerState: (id, state) => view.setPeerState(id, state),
        onPeerMedia: (id, media) => view.setPeerMedia(id, media),
        onPeerRemoved: (id) => {
          this.#reported.delete(id);
          this.whiteboard?.removeLink(id);
          view.removePeer(id);
        },
        onChat: (from, text) => view.appendChat(from.name, text, false),
        onChatReady: (ready) => view.setChatReady(ready),
        onLocalVideo: (track, screen) => {
          view.showLocal(track, screen);
          view.showOwnMedia(call.media);
        },
      },
    });
    this.call = call;
    // Links made in Call's constructor are handed over here, before any of their channels can deliver a message.
    this.whiteboard = new Whiteboard({ section: view.board, toggle: view.boardButton, sessionId: session.sessionId,
      selfId: session.selfId, ticket: session.tickets?.whiteboard ?? null, onUsed: () => reportFeature('whiteboard') });
    for (const link of call.links.values()) {
      this.whiteboard.addLink(link);
    }
    const camera = stream?.getVideoTracks()[0] ?? null;
    view.showLocal(camera, false);
    view.showOwnMedia(call.media);
    this.#statsTimer = setInterval(() => void this.#pollStats(), STATS_INTERVAL_MS);
    running = this;
    this.options.onStarted?.();
  }

  /**
   * Tells signaling once per session that this feature was used (see reportFeature()).
   * @param {Feature} feature
   */
  reportFeature(feature) {
    const sessionId = this.call?.sessionId;
    if (!sessionId || this.#features.has(`${sessionId} ${feature}`)) {
      return;
    }
    this.#features.add(`${sessionId} ${feature}`);
    this.options.signaling.send('feature-used', { sessionId, feature });
  }

  /** @param {'audio' | 'video'} kind */
  #toggle(kind) {
    const call = this.call;
    if (!call) {
      return;
    }
    if (kind === 'audio') {
      call.setAudio(!call.media.audio);
    } else {
      call.setVideo(!call.media.video);
    }
    this.view?.showOwnMedia(call.media);
  }

  async #toggleScreen() {
    const call = this.call;
    if (!call) {
      return;
    }
    if (call.media.screen) {
      await call.stopScreenShare();
      return;
    }
    try {
      await call.startScreenShare(await captureScreen());
      this.reportFeature('screen-sharing');
    } catch (e) {
      // The user closed the picker or the browser refused: nothing changes.
      console.info('screen sharing not started', e instanceof Error ? e.name : e);
    }
  }

  /** Shows direct or relayed per peer, and reports the connection's kind (not its content) for the statistics. */
  async #pollStats() {
    const call = this.call;
    const view = this.view;
    if (!call || !view) {
      return;
    }
    for (const [id, link] of call.links) {
      if (link.pc.connectionState !== 'connected') {
        continue;
      }
      const stats = await summarize(link.pc);
      view.setPeerPath(id, isRelayed(stats));
      const video = call.media.video || call.media.screen || (link.remoteStream?.getVideoTracks().length ?? 0) > 0;
      const report = telemetryReport(stats, video);
      const kind = `${report.media} ${report.path} ${report.protocol ?? ''}`;
      const last = this.#reported.get(id);
      // Once per connection, and again when its kind changes (e.g. relayed after an ICE restart), rate-limited.
      if (!last || (kind !== last.kind && Date.now() - last.at >= TELEMETRY_MIN_INTERVAL_MS)) {
        this.#reported.set(id, { kind, at: Date.now() });
        this.options.signaling.send('telemetry', { sessionId: call.sessionId, ...report });
      }
    }
  }
}

/**
 * Statistics: tells signaling that the running consultation used a feature (docs/signaling-protocol.md,
 * `feature-used`; docs/statistics.md, `consultation.ended.features`). Only the feature's name travels, never
 * content. Safe to call often: it is sent once per session and feature, and not at all outside a consultation.
 * @param {Feature} feature
 */
export function reportFeature(feature) {
  running?.reportFeature(feature);
}
