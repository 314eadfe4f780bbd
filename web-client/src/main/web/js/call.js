// The mesh of one consultation: a PeerLink to every other member, our outgoing tracks (camera or screen),
// mute/camera toggles, and chat over the peer-to-peer data channels (never through the server).
import { PeerLink } from './peer.js';

/** Chat messages are short notes; longer text is cut (the channel limit is 16 KiB). */
export const MAX_CHAT_LENGTH = 2000;
/** Signals from a peer we do not know yet (roster message still on its way) are held, at most this many. */
const EARLY_SIGNAL_LIMIT = 200;

/**
 * @typedef {import('./peer.js').PeerInfo} PeerInfo
 * @typedef {import('./peer.js').SignalPayload} SignalPayload
 * @typedef {{ sessionId: string, selfId: string, peers: PeerInfo[], iceServers?: RTCIceServer[],
 *   iceTransportPolicy?: RTCIceTransportPolicy }} SessionData
 * @typedef {{ audio: boolean, video: boolean, screen: boolean }} MediaState
 * @typedef {{
 *   onPeerAdded: (peer: PeerInfo) => void,
 *   onPeerStream: (id: string, stream: MediaStream) => void,
 *   onPeerState: (id: string, state: RTCPeerConnectionState) => void,
 *   onPeerMedia: (id: string, media: MediaState) => void,
 *   onPeerRemoved: (id: string) => void,
 *   onChat: (from: PeerInfo, text: string) => void,
 *   onChatReady: (ready: boolean) => void,
 *   onLocalVideo: (track: MediaStreamTrack | null, screen: boolean) => void,
 * }} CallEvents
 */

export class Call {
  /** @type {Map<string, PeerLink>} */
  links = new Map();
  /** @type {Map<string, SignalPayload[]>} */
  #early = new Map();
  /** @type {MediaStreamTrack | null} */
  #screen = null;
  #closed = false;

  /**
   * @param {{ send: (type: string, data: object) => void, session: SessionData, localStream: MediaStream | null,
   *   events: CallEvents }} opts
   */
  constructor({ send, session, localStream, events }) {
    this.send = send;
    this.session = session;
    this.events = events;
    /** Every outgoing track lives in this stream, so the other side sees one stream per member. */
    this.stream = localStream ?? new MediaStream();
    for (const peer of session.peers) {
      this.addPeer(peer);
    }
  }

  get sessionId() {
    return this.session.sessionId;
  }

  /** @returns {MediaState} what we currently send */
  get media() {
    const audio = this.stream.getAudioTracks()[0];
    const camera = this.#camera();
    return { audio: !!audio && audio.enabled, video: !!camera && camera.enabled, screen: this.#screen !== null };
  }

  /**
   * A `session` message again (after a resume or reconnect): fresh ICE servers, and the roster reconciled
   * with the links we hold. Links to members that are still there keep running untouched.
   * @param {SessionData} session
   */
  update(session) {
    const rebuild = session.selfId !== this.session.selfId;
    this.session = session;
    for (const [id, link] of this.links) {
      if (rebuild || !session.peers.some((p) => p.participantId === id)) {
        this.removePeer(id);
      } else {
        link.pc.setConfiguration({ ...this.#rtcConfig(), bundlePolicy: 'max-bundle' });
      }
    }
    for (const peer of session.peers) {
      this.addPeer(peer);
    }
  }

  /**
   * @param {PeerInfo} info
   * @param {boolean} [afresh] the peer (re)joined just now: a link we still hold to it is stale (its page reloaded)
   */
  addPeer(info, afresh = false) {
    if (afresh && this.links.has(info.participantId)) {
      this.removePeer(info.participantId);
    }
    if (this.#closed || this.links.has(info.participantId)) {
      return;
    }
    const id = info.participantId;
    const link = new PeerLink(info, this.#rtcConfig(), {
      signal: (payload) => this.send('signal', { sessionId: this.sessionId, to: id, payload }),
      onStream: (stream) => this.events.onPeerStream(id, stream),
      onState: (state) => this.events.onPeerState(id, state),
      onData: (message) => this.#onData(link, message),
      onChannel: (open) => {
        if (open) {
          link.sendData({ t: 'media', ...this.media });
        }
        this.events.onChatReady(this.chatReady);
      },
    });
    link.addLocalTracks(this.stream, this.#outgoingVideo());
    this.links.set(id, link);
    this.events.onPeerAdded(info);
    for (const payload of this.#early.get(id) ?? []) {
      link.handleSignal(payload);
    }
    this.#early.delete(id);
  }

  /** @param {string} id */
  removePeer(id) {
    const link = this.links.get(id);
    if (link) {
      link.close();
      this.links.delete(id);
      this.events.onPeerRemoved(id);
      this.events.onChatReady(this.chatReady);
    }
  }

  /** @param {{ sessionId: string, from: string, payload: SignalPayload }} signal */
  onSignal({ sessionId, from, payload }) {
    if (sessionId !== this.sessionId || this.#closed || !payload) {
      return;
    }
    const link = this.links.get(from);
    if (link) {
      link.handleSignal(payload);
      return;
    }
    const early = this.#early.get(from) ?? [];
    if (early.length < EARLY_SIGNAL_LIMIT) {
      early.push(payload);
      this.#early.set(from, early);
    }
  }

  /** @param {boolean} enabled */
  setAudio(enabled) {
    this.stream.getAudioTracks().forEach((t) => (t.enabled = enabled));
    this.#announceMedia();
  }

  /** @param {boolean} enabled */
  setVideo(enabled) {
    const camera = this.#camera();
    if (camera) {
      camera.enabled = enabled;
    }
    this.#announceMedia();
  }

  /**
   * Sends the given screen track instead of the camera until it ends (the browser's "stop sharing" too).
   * @param {MediaStreamTrack} screen
   */
  async startScreenShare(screen) {
    if (this.#screen) {
      this.#screen.stop();
    }
    this.#screen = screen;
    screen.addEventListener('ended', () => {
      if (this.#screen === screen) {
        void this.stopScreenShare();
      }
    });
    await this.#switchVideo();
  }

  async stopScreenShare() {
    const screen = this.#screen;
    this.#screen = null;
    screen?.stop();
    await this.#switchVideo();
  }

  /**
   * Sends a chat message to every member over the data channels.
   * @param {string} text
   * @returns {boolean} whether at least one member got it
   */
  sendChat(text) {
    const message = { t: 'chat', text: text.slice(0, MAX_CHAT_LENGTH) };
    let sent = false;
    for (const link of this.links.values()) {
      sent = link.sendData(message) || sent;
    }
    return sent;
  }

  get chatReady() {
    return [...this.links.values()].some((l) => l.channel.readyState === 'open');
  }

  close() {
    this.#closed = true;
    for (const id of [...this.links.keys()]) {
      this.removePeer(id);
    }
    this.#screen?.stop();
    this.#screen = null;
    this.#early.clear();
  }

  /** @returns {RTCConfiguration} */
  #rtcConfig() {
    return { iceServers: this.session.iceServers ?? [], iceTransportPolicy: this.session.iceTransportPolicy ?? 'all' };
  }

  #camera() {
    return this.stream.getVideoTracks().find((t) => t !== this.#screen) ?? null;
  }

  #outgoingVideo() {
    return this.#screen ?? this.#camera();
  }

  async #switchVideo() {
    const track = this.#outgoingVideo();
    await Promise.all([...this.links.values()].map((l) => l.setOutgoingVideo(track, this.stream)));
    this.events.onLocalVideo(track, this.#screen !== null);
    this.#announceMedia();
  }

  #announceMedia() {
    const media = this.media;
    for (const link of this.links.values()) {
      link.sendData({ t: 'media', ...media });
    }
  }

  /**
   * @param {PeerLink} link
   * @param {Record<string, unknown>} message
   */
  #onData(link, message) {
    if (message.t === 'chat' && typeof message.text === 'string' && message.text.trim() !== '') {
      this.events.onChat(link.info, message.text.slice(0, MAX_CHAT_LENGTH));
    } else if (message.t === 'media') {
      this.events.onPeerMedia(link.info.participantId, {
        audio: message.audio === true, video: message.video === true, screen: message.screen === true,
      });
    }
  }
}
