// getStats() helpers: what the UI shows about a connection (direct or relayed, bitrate) and what a test
// checks to prove media really flows (frames decoded, audio packets).

/**
 * @typedef {{
 *   at: number,
 *   videoFramesDecoded: number, videoBytesReceived: number, frameWidth: number, frameHeight: number,
 *   audioPacketsReceived: number, audioBytesReceived: number,
 *   localCandidateType: string | null, remoteCandidateType: string | null, rttMs: number | null,
 *   protocol: string | null, remotePort: number | null, outgoingKbps: number | null, networkType: string | null
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
    protocol: null, remotePort: null, outgoingKbps: null, networkType: null,
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
    // Through a relay the protocol that matters is the one between browser and relay (udp, tcp or tls).
    s.protocol = local?.candidateType === 'relay' ? local.relayProtocol ?? null : local?.protocol ?? null;
    s.remotePort = report.get(pair.remoteCandidateId)?.port ?? null;
    s.outgoingKbps = typeof pair.availableOutgoingBitrate === 'number' ? Math.round(pair.availableOutgoingBitrate / 1000) : null;
    s.networkType = local?.networkType ?? null;
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
 * The `telemetry` report for the statistics (docs/statistics.md, "Browser telemetry"): the kind of connection,
 * never content or addresses. Absent values are left out.
 * @param {StatsSummary} s
 * @param {boolean} video whether a video track is sent or received
 * @returns {{ media: string, path: string, protocol?: string, port?: number, bitrateKbps?: number, network?: string }}
 */
export function telemetryReport(s, video) {
  /** @type {{ media: string, path: string, protocol?: string, port?: number, bitrateKbps?: number, network?: string }} */
  const r = { media: video ? 'audio-video' : 'audio', path: s.localCandidateType === 'relay' ? 'relay' : 'p2p' };
  if (s.protocol === 'udp' || s.protocol === 'tcp' || s.protocol === 'tls') {
    r.protocol = s.protocol;
  }
  if (s.remotePort !== null && s.remotePort >= 1 && s.remotePort <= 65535) {
    r.port = s.remotePort;
  }
  if (s.outgoingKbps !== null && s.outgoingKbps >= 0) {
    r.bitrateKbps = Math.min(s.outgoingKbps, 10_000_000);
  }
  const network = s.networkType ?? /** @type {any} */ (navigator).connection?.type;
  if (typeof network === 'string') {
    r.network = ['wifi', 'cellular', 'ethernet', 'unknown'].includes(network) ? network : 'other';
  }
  return r;
}
