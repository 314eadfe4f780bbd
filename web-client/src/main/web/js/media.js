// Camera and microphone: asks for both, falls back to what is there, and names the problem in words a
// patient understands (no camera, access denied, device busy) instead of a DOMException name.

/**
 * What went wrong getting local media; each value has a text `media.<value>` in i18n.js.
 * @typedef {'denied' | 'no-devices' | 'no-camera' | 'no-microphone' | 'in-use' | 'insecure' | 'unsupported'
 *   | 'unknown'} MediaProblem
 * @typedef {{ stream: MediaStream | null, problem: MediaProblem | null }} LocalMedia
 */

const AUDIO = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
const VIDEO = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };

/**
 * @param {unknown} e
 * @returns {MediaProblem}
 */
export function classifyMediaError(e) {
  const name = e instanceof Error ? e.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return 'denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
    case 'DevicesNotFoundError':
      return 'no-devices';
    case 'NotReadableError':
    case 'AbortError':
    case 'TrackStartError':
      return 'in-use';
    case 'TypeError':
      return 'unsupported';
    default:
      return 'unknown';
  }
}

/**
 * Camera and microphone if possible, else whichever of the two works, else nothing (the call then runs
 * receive-only: the patient can still see and hear the doctor).
 * @returns {Promise<LocalMedia>}
 */
export async function acquireLocalMedia() {
  if (!window.isSecureContext) {
    return { stream: null, problem: 'insecure' };
  }
  if (!navigator.mediaDevices?.getUserMedia) {
    return { stream: null, problem: 'unsupported' };
  }
  try {
    return { stream: await navigator.mediaDevices.getUserMedia({ audio: AUDIO, video: VIDEO }), problem: null };
  } catch (e) {
    const problem = classifyMediaError(e);
    if (problem !== 'no-devices' && problem !== 'in-use') {
      return { stream: null, problem };
    }
    // One of the two devices is missing or busy: try each alone.
    for (const [constraints, missing] of /** @type {const} */ ([[{ audio: AUDIO }, 'no-camera'], [{ video: VIDEO }, 'no-microphone']])) {
      try {
        const stream = await navigator.mediaDevices.getUserMedia(constraints);
        return { stream, problem: problem === 'in-use' ? 'in-use' : missing };
      } catch {
        // try the other one
      }
    }
    return { stream: null, problem };
  }
}

/** @returns {boolean} whether this browser can share the screen at all (not on most phones) */
export function canShareScreen() {
  return typeof navigator.mediaDevices?.getDisplayMedia === 'function';
}

/** @returns {Promise<MediaStreamTrack>} the video track of a screen, window or tab the user picks */
export async function captureScreen() {
  const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
  const track = stream.getVideoTracks()[0];
  track.contentHint = 'detail';
  return track;
}

/** @param {MediaStream | null} stream */
export function stopStream(stream) {
  stream?.getTracks().forEach((track) => track.stop());
}
