// The consultation screen shared by patient and doctor: video tiles, controls, chat and the connection
// state. It only draws; Consultation tells it what happened and receives the user's clicks.
import { t } from './i18n.js';
import { MAX_CHAT_LENGTH } from './call.js';
import { formatTime, h } from './ui.js';

/**
 * @typedef {import('./call.js').MediaState} MediaState
 * @typedef {import('./signaling.js').LinkState} LinkState
 * @typedef {{
 *   toggleAudio: () => void,
 *   toggleVideo: () => void,
 *   toggleScreen: () => void,
 *   hangup: () => void,
 *   sendChat: (text: string) => boolean,
 * }} CallActions
 * @typedef {{ tile: HTMLElement, video: HTMLVideoElement, state: HTMLElement, media: HTMLElement,
 *   path: HTMLElement, unmute: HTMLButtonElement, connection: RTCPeerConnectionState }} Tile
 */

export class CallView {
  /** @type {Map<string, Tile>} */
  #tiles = new Map();
  /** @type {LinkState} */
  #link = 'online';

  /**
   * @param {HTMLElement} container emptied and filled with the call screen
   * @param {HTMLVideoElement} localVideo the page's one local preview element (moved here)
   * @param {{ hangupKey: import('./i18n.js').MsgKey, canShare: boolean }} options
   * @param {CallActions} actions
   */
  constructor(container, localVideo, options, actions) {
    this.actions = actions;
    this.localVideo = localVideo;
    this.status = h('p', { class: 'conn-state', role: 'status', 'data-testid': 'connection-state' });
    this.grid = h('div', { class: 'tiles' });
    this.localTile = h('figure', { class: 'tile local' }, [h('figcaption', { i18n: 'call.you' })]);
    this.muteAudio = h('button', { type: 'button', 'data-testid': 'mute-audio', 'aria-pressed': 'false', i18n: 'call.muteAudio' });
    this.muteVideo = h('button', { type: 'button', 'data-testid': 'mute-video', 'aria-pressed': 'false', i18n: 'call.muteVideo' });
    this.share = h('button', { type: 'button', 'data-testid': 'share-screen', 'aria-pressed': 'false', i18n: 'call.shareScreen', hidden: !options.canShare });
    this.hangupButton = h('button', { type: 'button', class: 'danger', 'data-testid': 'hangup', i18n: options.hangupKey });
    // The whiteboard (whiteboard.js) fills this section and handles its button.
    this.boardButton = h('button', { type: 'button', class: 'wb-toggle', 'data-testid': 'whiteboard-toggle', 'aria-pressed': 'false', i18n: 'wb.toggle' });
    this.board = h('section', { class: 'whiteboard', 'data-testid': 'whiteboard', hidden: true });
    this.chatLog = h('ol', { class: 'chat-log', 'data-testid': 'chat-log', role: 'log', 'aria-live': 'polite', 'aria-labelledby': 'chat-title' });
    this.chatInput = h('input', { id: 'chat-input', type: 'text', 'data-testid': 'chat-input', maxlength: MAX_CHAT_LENGTH, autocomplete: 'off' });
    this.chatSend = h('button', { type: 'submit', 'data-testid': 'chat-send', i18n: 'call.chatSend', disabled: true });
    const chatForm = h('form', { class: 'chat-form' }, [
      h('label', { for: 'chat-input', class: 'visually-hidden', i18n: 'call.chatLabel' }), this.chatInput, this.chatSend]);
    this.chatHint = h('p', { class: 'hint', i18n: 'call.chatWaiting' });

    localVideo.hidden = false;
    this.localTile.prepend(localVideo);
    this.grid.append(this.localTile);
    container.replaceChildren(h('div', { class: 'call-layout' }, [
      h('div', { class: 'stage' }, [
        this.status,
        this.grid,
        h('div', { class: 'controls', role: 'toolbar', 'aria-label': t('call.controls'), 'data-i18n-aria-label': 'call.controls' },
          [this.muteAudio, this.muteVideo, this.share, this.boardButton, this.hangupButton]),
        this.board,
      ]),
      h('aside', { class: 'chat', 'aria-labelledby': 'chat-title' }, [
        h('h2', { id: 'chat-title', i18n: 'call.chat' }), this.chatLog, chatForm, this.chatHint,
        h('p', { class: 'hint', i18n: 'call.chatPrivacy' }),
      ]),
    ]));

    this.muteAudio.addEventListener('click', () => actions.toggleAudio());
    this.muteVideo.addEventListener('click', () => actions.toggleVideo());
    this.share.addEventListener('click', () => actions.toggleScreen());
    this.hangupButton.addEventListener('click', () => actions.hangup());
    chatForm.addEventListener('submit', (e) => {
      e.preventDefault();
      const text = this.chatInput.value.trim();
      if (text && actions.sendChat(text)) {
        this.appendChat(t('call.you'), text, true);
        this.chatInput.value = '';
      }
    });
    this.renderStatus();
  }

  /**
   * @param {MediaStreamTrack | null} track what we send as video
   * @param {boolean} screen whether it is the screen (then not mirrored)
   */
  showLocal(track, screen) {
    this.localVideo.srcObject = track ? new MediaStream([track]) : null;
    this.localVideo.classList.toggle('mirror', !screen);
    this.localTile.classList.toggle('no-video', !track);
  }

  /** @param {MediaState} media */
  showOwnMedia(media) {
    this.muteAudio.setAttribute('aria-pressed', String(!media.audio));
    this.muteVideo.setAttribute('aria-pressed', String(!media.video));
    this.share.setAttribute('aria-pressed', String(media.screen));
    this.localTile.classList.toggle('camera-off', !media.video && !media.screen);
  }

  /** @param {import('./peer.js').PeerInfo} peer */
  addPeer(peer) {
    if (this.#tiles.has(peer.participantId)) {
      return;
    }
    const video = h('video', { 'data-testid': 'remote-video', 'data-participant-id': peer.participantId, autoplay: true, playsinline: true });
    const state = h('span', { class: 'peer-state' });
    const media = h('span', { class: 'peer-media' });
    const path = h('span', { class: 'peer-path' });
    const unmute = h('button', { type: 'button', class: 'unmute', hidden: true, i18n: 'call.enableSound' });
    const tile = h('figure', { class: 'tile remote', 'data-participant-id': peer.participantId }, [
      video, unmute, h('figcaption', {}, [h('span', { class: 'peer-name', text: peer.name }), state, path, media])]);
    unmute.addEventListener('click', () => {
      video.muted = false;
      video.play().catch(ignoreInterrupted);
      unmute.hidden = true;
    });
    this.grid.insertBefore(tile, this.localTile);
    this.#tiles.set(peer.participantId, { tile, video, state, media, path, unmute, connection: 'new' });
    this.#renderPeer(peer.participantId);
    this.renderStatus();
  }

  /**
   * @param {string} id
   * @param {MediaStream} stream
   */
  setPeerStream(id, stream) {
    const tile = this.#tiles.get(id);
    if (!tile || tile.video.srcObject === stream) {
      return;
    }
    tile.video.srcObject = stream;
    tile.video.play().catch((/** @type {unknown} */ e) => {
      // Only a refused autoplay with sound (no user gesture yet) needs help. An AbortError means play() was
      // interrupted: the tile was removed (e.g. the call ended before any media arrived) or a new stream came.
      if (!(e instanceof DOMException) || e.name !== 'NotAllowedError') {
        return;
      }
      // Play muted and offer a button for the sound.
      tile.video.muted = true;
      tile.unmute.hidden = false;
      tile.video.play().catch(ignoreInterrupted);
    });
  }

  /**
   * @param {string} id
   * @param {RTCPeerConnectionState} state
   */
  setPeerState(id, state) {
    const tile = this.#tiles.get(id);
    if (tile) {
      tile.connection = state;
      this.#renderPeer(id);
      this.renderStatus();
    }
  }

  /**
   * @param {string} id
   * @param {MediaState} media
   */
  setPeerMedia(id, media) {
    const tile = this.#tiles.get(id);
    if (tile) {
      tile.media.dataset.audio = String(media.audio);
      tile.media.dataset.video = String(media.video || media.screen);
      tile.tile.classList.toggle('camera-off', !media.video && !media.screen);
      this.#renderPeer(id);
    }
  }

  /**
   * @param {string} id
   * @param {boolean} relayed
   */
  setPeerPath(id, relayed) {
    const tile = this.#tiles.get(id);
    if (tile) {
      tile.path.dataset.relayed = String(relayed);
      this.#renderPeer(id);
    }
  }

  /** @param {string} id */
  removePeer(id) {
    const tile = this.#tiles.get(id);
    if (tile) {
      tile.video.srcObject = null;
      tile.tile.remove();
      this.#tiles.delete(id);
      this.renderStatus();
    }
  }

  /** @param {LinkState} state */
  setLink(state) {
    this.#link = state;
    this.renderStatus();
  }

  /** @param {boolean} ready */
  setChatReady(ready) {
    this.chatSend.disabled = !ready;
    this.chatHint.hidden = ready;
  }

  /**
   * @param {string} who
   * @param {string} text
   * @param {boolean} mine
   */
  appendChat(who, text, mine) {
    const now = new Date();
    this.chatLog.append(h('li', { class: mine ? 'mine' : 'theirs' }, [
      h('span', { class: 'who', text: who }), ' ',
      h('time', { datetime: now.toISOString(), text: formatTime(now) }), ' ',
      h('span', { class: 'text', text }),
    ]));
    this.chatLog.scrollTop = this.chatLog.scrollHeight;
  }

  /** Re-renders texts that depend on state (after a language switch, too). */
  renderStatus() {
    for (const id of this.#tiles.keys()) {
      this.#renderPeer(id);
    }
    const states = [...this.#tiles.values()].map((tile) => tile.connection);
    /** @type {import('./i18n.js').MsgKey} */
    let key;
    let state;
    if (this.#link !== 'online' && this.#link !== 'closed') {
      key = 'call.state.signalingLost';
      state = 'reconnecting';
    } else if (states.length === 0) {
      key = 'call.state.alone';
      state = 'alone';
    } else if (states.some((s) => s === 'failed' || s === 'disconnected')) {
      key = 'call.state.trouble';
      state = 'trouble';
    } else if (states.every((s) => s === 'connected')) {
      key = 'call.state.connected';
      state = 'connected';
    } else {
      key = 'call.state.connecting';
      state = 'connecting';
    }
    this.status.textContent = t(key);
    this.status.dataset.state = state;
  }

  /** @param {string} id */
  #renderPeer(id) {
    const tile = this.#tiles.get(id);
    if (!tile) {
      return;
    }
    tile.state.textContent = t(`peer.${tile.connection}`);
    tile.state.dataset.state = tile.connection;
    const relayed = tile.path.dataset.relayed;
    tile.path.textContent = tile.connection === 'connected' && relayed ? t(relayed === 'true' ? 'peer.relayed' : 'peer.direct') : '';
    const muted = [];
    if (tile.media.dataset.audio === 'false') {
      muted.push(t('peer.micOff'));
    }
    if (tile.media.dataset.video === 'false') {
      muted.push(t('peer.cameraOff'));
    }
    tile.media.textContent = muted.join(' · ');
  }
}

/** For a play() whose failure needs nothing done: interrupted by removal or a new stream. */
function ignoreInterrupted() {
  // nothing to do: the next stream or tile plays again
}
