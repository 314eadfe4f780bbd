// getStats() helpers: what the UI shows about a connection (direct or relayed, bitrate) and what a test
// checks to prove media really flows (frames decoded, audio packets).

/**
 * @typedef {{
 *   at: number,
 *   videoFramesDecoded: number, videoBytesReceived: number, frameWidth: number, frameHeight: number,
 *   audioPacketsReceived: number, audioBytesReceived: number,
 *   localCandidateType: string | null, remoteCandidateType: string | null, rttMs: number | null,
 *   protocol: string | null, relayPort: number | null
 * }} StatsSummary
 */

/**
 * Sums inbound RTP per kind and finds the selected candidate pair.
 * @param {RTCPeerConnection} pc
 * @returns {Promise<StatsSummary>}
 */
export async function summarize(pc) {
  const report = await pc.getStats();
  /** @type {StatsSummary} */
  const s = {
    at: Date.now(), videoFramesDecoded: 0, videoBytesReceived: 0, frameWidth: 0, frameHeight: 0,
    audioPacketsReceived: 0, audioBytesReceived: 0, localCandidateType: null, remoteCandidateType: null, rttMs: null,
    protocol: null, relayPort: null,
  };
  /** @type {string | null} */
  let pairId = null;
  report.forEach((/** @type {any} */ r) => {
    if (r.type === 'inbound-rtp' && r.kind === 'video') {
      s.videoFramesDecoded += r.framesDecoded ?? 0;
      s.videoBytesReceived += r.bytesReceived ?? 0;
      s.frameWidth = Math.max(s.frameWidth, r.frameWidth ?? 0);
      s.frameHeight = Math.max(s.frameHeight, r.frameHeight ?? 0);
    } else if (r.type === 'inbound-rtp' && r.kind === 'audio') {
      s.audioPacketsReceived += r.packetsReceived ?? 0;
      s.audioBytesReceived += r.bytesReceived ?? 0;
    } else if (r.type === 'transport' && r.selectedCandidatePairId) {
      pairId = r.selectedCandidatePairId;
    }
  });
  if (pairId === null) {
    report.forEach((/** @type {any} */ r) => {
      if (r.type === 'candidate-pair' && r.nominated && r.state === 'succeeded') {
        pairId = r.id;
      }
    });
  }
  const pair = pairId === null ? undefined : report.get(pairId);
  if (pair) {
    const local = report.get(pair.localCandidateId);
    s.localCandidateType = local?.candidateType ?? null;
    s.remoteCandidateType = report.get(pair.remoteCandidateId)?.candidateType ?? null;
    // Through our relay the protocol that matters is the one to the relay (udp, tcp or tls), and its port.
    s.protocol = local?.candidateType === 'relay' ? local.relayProtocol ?? null : local?.protocol ?? null;
    const port = local?.candidateType === 'relay' && typeof local.url === 'string' ? /:(\d+)(\?|$)/.exec(local.url)?.[1] : undefined;
    s.relayPort = port ? Number(port) : null;
    s.rttMs = typeof pair.currentRoundTripTime === 'number' ? Math.round(pair.currentRoundTripTime * 1000) : null;
  }
  return s;
}

/**
 * Received bitrate between two summaries, in kbit/s.
 * @param {StatsSummary} before
 * @param {StatsSummary} after
 */
export function receivedKbps(before, after) {
  const seconds = (after.at - before.at) / 1000;
  if (seconds <= 0) {
    return 0;
  }
  const bytes = after.videoBytesReceived + after.audioBytesReceived - before.videoBytesReceived - before.audioBytesReceived;
  return Math.max(0, Math.round((bytes * 8) / 1000 / seconds));
}

/**
 * @param {StatsSummary} s
 * @returns {boolean} whether media goes through a TURN relay (on either side)
 */
export function isRelayed(s) {
  return s.localCandidateType === 'relay' || s.remoteCandidateType === 'relay';
}

/**
 * The `telemetry` fields for the statistics (docs/signaling-protocol.md; catalogue in the stats collector):
 * connection metadata only, never content or addresses.
 * @param {StatsSummary} before
 * @param {StatsSummary} after
 * @param {boolean} sendingVideo
 * @returns {Record<string, string | number>}
 */
export function telemetryFields(before, after, sendingVideo) {
  /** @type {Record<string, string | number>} */
  const t = { media: sendingVideo ? 'audio-video' : 'audio', path: isRelayed(after) ? 'relay' : 'p2p' };
  if (after.protocol === 'udp' || after.protocol === 'tcp' || after.protocol === 'tls') {
    t.protocol = after.protocol;
  }
  if (after.relayPort !== null) {
    t.port = after.relayPort;
  }
  t['bitrate-kbps'] = receivedKbps(before, after);
  t.network = networkType();
  return t;
}

/** What the browser says about the network (only some do; "unknown" otherwise). */
function networkType() {
  const type = /** @type {any} */ (navigator).connection?.type;
  return type === 'wifi' || type === 'cellular' || type === 'ethernet' ? type : type ? 'other' : 'unknown';
}
