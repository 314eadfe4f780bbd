// One RTCPeerConnection to one other member of the session: perfect negotiation with the role the server
// assigned (W3C WebRTC §10.7 example "perfect negotiation"), ICE restart on failure from any state, and the
// chat data channel, negotiated out of band with a fixed id so neither side has to "open" it first.

/** The chat/control channel: pre-negotiated by both sides (RTCDataChannelInit.negotiated), stream id 0. */
export const CHAT_CHANNEL_ID = 0;
/** The whiteboard's channel (docs/whiteboard.md): pre-negotiated too, stream id 1; whiteboard.js reads and writes it. */
export const WHITEBOARD_CHANNEL_ID = 1;
/** Protocol: "stays disconnected for 5 s" triggers an ICE restart. */
const DISCONNECTED_RESTART_MS = 5000;
/** A connection that has not come up (or back) this long gets an ICE restart too, whatever state it is in. */
const STUCK_RESTART_MS = 10000;
/**
 * The polite side lets the impolite one make the first offer, and offers itself only if none came by then.
 * Both sides add tracks at once, so both would offer and collide; Chromium then sometimes gathers no
 * candidates at all after the implicit rollback of an offer it had not started gathering for (seen in the
 * mesh e2e test: the connection sat in "new" for good). Avoiding the collision avoids the rollback.
 */
const FIRST_OFFER_GRACE_MS = 1500;
/** Data channel messages bigger than this are dropped unread. */
const MAX_DATA_MESSAGE = 16 * 1024;

/**
 * @typedef {{ participantId: string, role: string, name: string, polite: boolean }} PeerInfo
 * @typedef {{ description?: RTCSessionDescriptionInit, candidate?: RTCIceCandidateInit | null }} SignalPayload
 * @typedef {{
 *   signal: (payload: SignalPayload) => void,
 *   onStream: (stream: MediaStream) => void,
 *   onState: (state: RTCPeerConnectionState) => void,
 *   onData: (message: Record<string, unknown>) => void,
 *   onChannel: (open: boolean) => void,
 * }} PeerEvents
 */

export class PeerLink {
  /** @type {MediaStream | null} */
  remoteStream = null;
  /** @type {RTCRtpSender | null} */
  videoSender = null;
  #makingOffer = false;
  #ignoreOffer = false;
  #settingRemoteAnswer = false;
  #closed = false;
  /** Incoming signals are applied one after another: each step awaits the previous one's SDP work. */
  #queue = Promise.resolve();
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  #disconnectTimer;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  #stuckTimer;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  #firstOfferTimer;

  /**
   * @param {PeerInfo} info
   * @param {RTCConfiguration} config
   * @param {PeerEvents} events
   */
  constructor(info, config, events) {
    this.info = info;
    this.events = events;
    this.pc = new RTCPeerConnection({ ...config, bundlePolicy: 'max-bundle' });
    this.channel = this.pc.createDataChannel('chat', { negotiated: true, id: CHAT_CHANNEL_ID, ordered: true });
    this.whiteboardChannel = this.pc.createDataChannel('whiteboard', { negotiated: true, id: WHITEBOARD_CHANNEL_ID, ordered: true });
    this.#wire();
    this.#armStuckTimer();
  }

  get polite() {
    return this.info.polite;
  }

  /**
   * Adds our outgoing tracks (before negotiation starts: negotiationneeded fires after this task).
   * @param {MediaStream} stream
   * @param {MediaStreamTrack | null} video the track to send as video (camera or screen), if any
   */
  addLocalTracks(stream, video) {
    for (const track of stream.getAudioTracks()) {
      this.pc.addTrack(track, stream);
    }
    if (video) {
      this.videoSender = this.pc.addTrack(video, stream);
    }
  }

  /**
   * Switches what we send as video (camera to screen and back) without renegotiation where a video sender
   * exists; adds one (and renegotiates) where none does, e.g. screen sharing without a camera.
   * @param {MediaStreamTrack | null} track
   * @param {MediaStream} stream
   */
  async setOutgoingVideo(track, stream) {
    if (this.videoSender) {
      await this.videoSender.replaceTrack(track);
    } else if (track) {
      this.videoSender = this.pc.addTrack(track, stream);
    }
  }

  /**
   * Applies an offer, answer or candidate from the other side, in arrival order.
   * @param {SignalPayload} payload
   */
  handleSignal(payload) {
    this.#queue = this.#queue
      .then(() => this.#apply(payload))
      .catch((e) => console.warn('signal not applied', e instanceof Error ? e.name : e));
  }

  /**
   * @param {Record<string, unknown>} message
   * @returns {boolean} whether it went out
   */
  sendData(message) {
    if (this.channel.readyState !== 'open') {
      return false;
    }
    this.channel.send(JSON.stringify(message));
    return true;
  }

  restartIce() {
    if (!this.#closed) {
      this.pc.restartIce();
    }
  }

  close() {
    this.#closed = true;
    clearTimeout(this.#disconnectTimer);
    clearTimeout(this.#stuckTimer);
    clearTimeout(this.#firstOfferTimer);
    this.channel.close();
    this.whiteboardChannel.close();
    this.pc.close();
  }

  #wire() {
    const pc = this.pc;
    pc.onnegotiationneeded = () => {
      if (this.polite && pc.remoteDescription === null) {
        clearTimeout(this.#firstOfferTimer);
        this.#firstOfferTimer = setTimeout(() => {
          if (pc.remoteDescription === null && pc.signalingState === 'stable') {
            void this.#offer();
          }
        }, FIRST_OFFER_GRACE_MS);
        return;
      }
      void this.#offer();
    };
    pc.onicecandidate = ({ candidate }) => {
      if (candidate) {
        this.events.signal({ candidate: candidate.toJSON() });
      }
    };
    pc.ontrack = ({ track, streams }) => {
      const stream = streams[0] ?? this.remoteStream ?? new MediaStream();
      if (!stream.getTracks().includes(track)) {
        stream.addTrack(track);
      }
      this.remoteStream = stream;
      this.events.onStream(stream);
    };
    pc.onconnectionstatechange = () => {
      this.#armStuckTimer();
      this.events.onState(pc.connectionState);
    };
    pc.oniceconnectionstatechange = () => {
      clearTimeout(this.#disconnectTimer);
      const state = pc.iceConnectionState;
      if (state === 'failed') {
        this.restartIce();
      } else if (state === 'disconnected') {
        this.#disconnectTimer = setTimeout(() => {
          if (pc.iceConnectionState === 'disconnected') {
            this.restartIce();
          }
        }, DISCONNECTED_RESTART_MS);
      }
    };
    this.channel.onopen = () => this.events.onChannel(true);
    this.channel.onclose = () => this.events.onChannel(false);
    this.channel.onmessage = ({ data }) => {
      if (typeof data !== 'string' || data.length > MAX_DATA_MESSAGE) {
        return;
      }
      try {
        const message = JSON.parse(data);
        if (message && typeof message === 'object' && !Array.isArray(message)) {
          this.events.onData(message);
        }
      } catch {
        // not ours: ignore
      }
    };
  }

  async #offer() {
    try {
      this.#makingOffer = true;
      await this.pc.setLocalDescription();
      if (this.pc.localDescription) {
        this.events.signal({ description: this.pc.localDescription.toJSON() });
      }
    } catch (e) {
      console.warn('offer failed', e instanceof Error ? e.name : e);
    } finally {
      this.#makingOffer = false;
    }
  }

  /** Restarts ICE whenever the connection has not been up for STUCK_RESTART_MS, and again after each try. */
  #armStuckTimer() {
    clearTimeout(this.#stuckTimer);
    if (this.#closed || this.pc.connectionState === 'connected') {
      return;
    }
    this.#stuckTimer = setTimeout(() => {
      if (this.pc.connectionState !== 'connected') {
        this.restartIce();
      }
      this.#armStuckTimer();
    }, STUCK_RESTART_MS);
  }

  /** @param {SignalPayload} payload */
  async #apply({ description, candidate }) {
    if (this.#closed) {
      return;
    }
    const pc = this.pc;
    if (description) {
      // Perfect negotiation: on a collision the impolite side ignores the other's offer, the polite side
      // rolls its own back (implicitly, in setRemoteDescription) and answers.
      const readyForOffer = !this.#makingOffer && (pc.signalingState === 'stable' || this.#settingRemoteAnswer);
      const collision = description.type === 'offer' && !readyForOffer;
      this.#ignoreOffer = !this.polite && collision;
      if (this.#ignoreOffer) {
        return;
      }
      this.#settingRemoteAnswer = description.type === 'answer';
      try {
        await pc.setRemoteDescription(description);
      } finally {
        this.#settingRemoteAnswer = false;
      }
      if (description.type === 'offer') {
        await pc.setLocalDescription();
        if (pc.localDescription) {
          this.events.signal({ description: pc.localDescription.toJSON() });
        }
      }
    } else if (candidate) {
      try {
        await pc.addIceCandidate(candidate);
      } catch (e) {
        if (!this.#ignoreOffer) {
          throw e; // a candidate for an offer we ignored may fail; any other failure is worth a warning
        }
      }
    }
  }
}
