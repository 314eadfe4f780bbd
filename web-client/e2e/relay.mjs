// Browser end-to-end scenarios "relay" and "relay-refused" (run by consultation.test.mjs in run.sh's relay modes):
// the product path of issue 3. The app runs with --ice-transport-policy relay, so the real /praxis and / pages may
// only use the ICE servers the signaling server hands them with the session (fresh TURN REST credentials, URLs for
// UDP, TCP and TLS) and reach each other only through the app's embedded TURN relay.
//
// "relay": three consultations one after another, the doctor staying logged in. Before each, routing rules in the
// test's namespace act as a firewall that leaves the browsers one way to the relay: UDP to the TURN port, TCP to the
// TURN port, or TLS to the TLS port (certificate of the test's CA, see run.sh). Each call must connect relay/relay
// with that relay protocol, video frames decoding and audio arriving on both sides, the pages saying "über Relay"
// and the telemetry reporting it.
// "relay-refused": the relay runs without --turn-allowed-peers, so it refuses the namespace's private peers (403 on
// CreatePermission): both pages gather relay candidates, yet the call must not connect within a bounded wait.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WAIT, check, expectCleanPage, expectMediaFlowing, expectRemoteVideos, person, uniqueName } from './lib.mjs';

/**
 * How long a refused call gets to connect anyway: a relayed call shows video within 1 s of its session here (the
 * "relay" scenario's steps), and the pages restart ICE after 5 s of failure, so 8 s covers the first attempt and
 * the restart with a wide margin.
 */
const REFUSED_WAIT_MS = 8000;

/**
 * Lets only `open` through to the relay ('udp' or 'tcp' to the TURN port, 'tls' to the TLS port; null: all):
 * a blackhole routing rule per closed way, ahead of the local table, like a firewall between browser and relay.
 * Needs root in the test's own namespace (run.sh runs this test there with ip netns exec); nothing outside the
 * namespace is touched, and neither iptables nor nft is needed. One way at a time: with all open, Chromium keeps
 * whichever relay candidate works first and stops gathering once a pair is writable (on a freshly started relay
 * that was sometimes TCP before UDP), so each call proves one transport on its own.
 */
function firewall(turn, open) {
  const rules = () => execFileSync('ip', ['rule', 'show'], { encoding: 'utf8' });
  if (!/^100:\s+from all lookup local/m.test(rules())) {
    // The local table is looked up at preference 0, before any rule we could add: move it behind ours.
    execFileSync('ip', ['rule', 'add', 'pref', '100', 'lookup', 'local']);
    execFileSync('ip', ['rule', 'del', 'pref', '0']);
  }
  const ways = [['10', 'udp', 'udp', turn.port], ['11', 'tcp', 'tcp', turn.port], ['12', 'tls', 'tcp', turn.tlsPort]];
  for (const [pref, way, protocol, port] of ways) {
    if (new RegExp(`^${pref}:`, 'm').test(rules())) {
      execFileSync('ip', ['rule', 'del', 'pref', pref]);
    }
    if (open !== null && open !== way) {
      execFileSync('ip', ['rule', 'add', 'pref', pref, 'ipproto', protocol, 'dport', String(port), 'blackhole']);
    }
  }
}

/** The last `session` message this person's page received. */
function lastSession(p) {
  return p.frames.received.filter((m) => m?.type === 'session').at(-1)?.data;
}

async function sessionArrived(p, before) {
  const deadline = Date.now() + WAIT.ui;
  while (p.frames.received.filter((m) => m?.type === 'session').length === before && Date.now() < deadline) {
    await p.page.waitForTimeout(100);
  }
  const session = lastSession(p);
  check(session, `${p.name}: got its session`);
  return session;
}

/**
 * What the signaling server handed this person: policy relay, one ICE server with UDP, TCP and TLS URLs of the
 * relay, and fresh TURN REST credentials of its own (username "<expiry>:<id>", expiring within the configured
 * credential lifetime).
 */
function expectIceServers(p, session, turn) {
  check(session.iceTransportPolicy === 'relay', `${p.name}: iceTransportPolicy relay (${session.iceTransportPolicy})`);
  check(session.iceServers?.length === 1, `${p.name}: one ICE server (${session.iceServers?.length})`);
  const [ice] = session.iceServers;
  const urls = ice.urls ?? [];
  for (const url of [`turn:${turn.host}:${turn.port}?transport=udp`, `turn:${turn.host}:${turn.port}?transport=tcp`,
    `turns:${turn.host}:${turn.tlsPort}?transport=tcp`]) {
    check(urls.includes(url), `${p.name}: ICE servers include ${url} (${urls.join(' ')})`);
  }
  const [expiry, id] = String(ice.username).split(':');
  const left = Number(expiry) - Date.now() / 1000;
  check(left > 0 && left <= turn.ttlSeconds + 5 && id === session.selfId,
    `${p.name}: TURN username is <expiry>:<own participant id>, valid for at most ${turn.ttlSeconds} s (${Math.round(left)} s)`);
  check(typeof ice.credential === 'string' && ice.credential.length >= 20, `${p.name}: TURN credential given`);
  return ice;
}

/** The states of the page's peer connections. */
function connectionStates(page) {
  return page.evaluate(() => window.__szPcs.map((pc) => pc.connectionState));
}

/** For the artifacts: the local candidates and candidate pairs of the page's peer connections (no SDP). */
function candidates(page) {
  return page.evaluate(async () => {
    const out = [];
    for (const pc of window.__szPcs) {
      const report = await pc.getStats();
      report.forEach((r) => {
        if (r.type === 'local-candidate' || r.type === 'remote-candidate') {
          out.push({ type: r.type, candidateType: r.candidateType, protocol: r.protocol, relayProtocol: r.relayProtocol,
            url: r.url, port: r.port, priority: r.priority });
        } else if (r.type === 'candidate-pair') {
          out.push({ type: r.type, state: r.state, nominated: r.nominated, local: r.localCandidateId,
            remote: r.remoteCandidateId, bytesSent: r.bytesSent });
        }
      });
    }
    return out;
  });
}

/** One consultation with a new patient, through the relay over `transport`; the doctor stays logged in. */
async function relayedCall(t, doctor, transport) {
  const patient = await person(t.browser, `patient-${transport}`, t.leaks, t.artifacts);
  t.people.push(patient);
  const name = uniqueName('Paula');
  const code = await t.createCode(doctor, name);
  firewall(t.turn, transport);
  await t.joinAsGuest(patient, code, name, { viaLink: true });
  const sessions = doctor.frames.received.filter((m) => m?.type === 'session').length;
  await t.admit(doctor, name);
  const [doctorSession, patientSession] = await Promise.all([sessionArrived(doctor, sessions), sessionArrived(patient, 0)]);
  const doctorIce = expectIceServers(doctor, doctorSession, t.turn);
  const patientIce = expectIceServers(patient, patientSession, t.turn);
  check(doctorIce.username !== patientIce.username, `${transport}: doctor and patient get credentials of their own`);
  t.step(`${transport}: admitted, ICE servers checked`);

  await Promise.all([expectRemoteVideos(doctor.page, 1, `doctor (${transport})`),
    expectRemoteVideos(patient.page, 1, `patient (${transport})`)]);
  for (const p of [doctor, patient]) {
    await p.page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor({ timeout: WAIT.media });
  }
  t.step(`${transport}: remote videos playing`);
  for (const p of [doctor, patient]) {
    const file = join(t.artifacts, `relay-${transport}-${p.name}.candidates.json`);
    writeFileSync(file, JSON.stringify(await candidates(p.page), null, 1));
  }
  const path = { local: 'relay', remote: 'relay', relayProtocol: transport };
  await Promise.all([expectMediaFlowing(doctor.page, 1, `doctor (${transport})`, path),
    expectMediaFlowing(patient.page, 1, `patient (${transport})`, path)]);
  // What the people see, and what goes to the statistics: relayed, and how.
  for (const p of [doctor, patient]) {
    await p.page.locator('.peer-path').filter({ hasText: 'über Relay' }).waitFor({ timeout: WAIT.ui });
    const sessionId = lastSession(p).sessionId;
    const deadline = Date.now() + WAIT.ui;
    let report;
    while (!(report = p.frames.sent.find((m) => m?.type === 'telemetry' && m.data?.sessionId === sessionId))
        && Date.now() < deadline) {
      await p.page.waitForTimeout(200);
    }
    check(report?.data?.path === 'relay' && report.data.protocol === transport,
      `${p.name}: telemetry reports a relayed connection over ${transport} (${JSON.stringify(report?.data)})`);
  }
  t.step(`${transport}: media flowing relay/relay`);

  await doctor.page.getByTestId('hangup').click();
  await t.expectEnded(patient);
  await doctor.page.locator('#codes-panel').waitFor({ timeout: WAIT.ui });
  await expectCleanPage(patient);
  await patient.context.close();
  t.people.splice(t.people.indexOf(patient), 1);
}

/**
 * @param {{ browser: any, people: any[], leaks: any, artifacts: string, step: (s: string) => void,
 *   turn: { host: string, port: number, tlsPort: number, ttlSeconds: number }, transports: string[],
 *   loginDoctor: Function, createCode: Function, joinAsGuest: Function, admit: Function, expectEnded: Function }} t
 */
export async function relay(t) {
  const doctor = await person(t.browser, 'doctor', t.leaks, t.artifacts);
  t.people.push(doctor);
  await t.loginDoctor(doctor);
  t.step('doctor logged in');
  try {
    for (const transport of t.transports) {
      await relayedCall(t, doctor, transport);
    }
  } finally {
    firewall(t.turn, null);
  }
  await expectCleanPage(doctor);
}

/** The relay refuses private peers unless allowed: relay candidates, but no connection. */
export async function relayRefused(t) {
  const doctor = await person(t.browser, 'doctor', t.leaks, t.artifacts);
  const patient = await person(t.browser, 'patient', t.leaks, t.artifacts);
  t.people.push(doctor, patient);
  const name = uniqueName('Rita');
  await t.loginDoctor(doctor);
  const code = await t.createCode(doctor, name);
  await t.joinAsGuest(patient, code, name, { viaLink: true });
  await t.admit(doctor, name);
  const sessions = await Promise.all([sessionArrived(doctor, 0), sessionArrived(patient, 0)]);
  [doctor, patient].forEach((p, i) => expectIceServers(p, sessions[i], t.turn));
  t.step('admitted, ICE servers checked');

  // The relay works (each page allocates relay candidates with its credentials) ...
  for (const p of [doctor, patient]) {
    await p.page.waitForFunction(() => (window.__szPcDiary ?? []).flat().some((l) => / icecandidate relay$/.test(l)),
      null, { timeout: WAIT.ui });
  }
  t.step('relay candidates gathered');
  // ... but refuses to relay to the other page's relay address (private): no connection within the wait.
  const until = Date.now() + REFUSED_WAIT_MS;
  while (Date.now() < until) {
    for (const p of [doctor, patient]) {
      const states = await connectionStates(p.page);
      check(states.length === 1 && !states.includes('connected'),
        `${p.name}: no connection through a relay that refuses private peers (${states.join(', ')})`);
      check(await p.page.locator('[data-testid="connection-state"][data-state="connected"]').count() === 0,
        `${p.name}: the page does not claim a connection`);
    }
    await doctor.page.waitForTimeout(250);
  }
  const videos = await patient.page.$$eval('[data-testid="remote-video"]', (vs) => vs.map((v) => v.videoWidth));
  check(videos.every((w) => w === 0), `patient: no remote picture (${videos.join(', ')})`);
  t.step(`not connected after ${REFUSED_WAIT_MS / 1000} s`);

  await doctor.page.getByTestId('hangup').click();
  await t.expectEnded(patient);
  for (const p of [doctor, patient]) {
    await expectCleanPage(p);
  }
}
