// Two Chromium instances in network namespaces A and B that cannot reach each other call through the relay in T.
// Usage: node relay-call.mjs <udp|tcp|none>   (environment: see run.sh)
// "udp"/"tcp": iceTransportPolicy 'relay' with a turn: URL over that transport; the call must connect relay/relay
// with video frames decoded and audio arriving. "none": no TURN server; the call must not connect.
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', '..', 'package.json'));
const { chromium } = require('playwright-core');

const mode = process.argv[2];
const env = (name) => { const v = process.env[name]; if (!v) throw new Error(`${name} not set`); return v; };
const secret = env('SZ_TURN_SECRET');

function credentials(id) {
  const username = `${Math.floor(Date.now() / 1000) + 600}:${id}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}

function config(turnHost) {
  if (mode === 'none') return { iceServers: [], iceTransportPolicy: 'all' };
  const url = `turn:${turnHost}:${env('SZ_TURN_PORT')}?transport=${mode}`;
  return { iceServers: [{ urls: [url], ...credentials('e2e') }], iceTransportPolicy: 'relay' };
}

const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];

async function open(netns, port) {
  const browser = await chromium.launch({
    executablePath: path.join(here, 'chromium-netns.sh'), headless: true, args, env: { ...process.env, SZ_NETNS: netns },
  });
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/index.html`);
  return { browser, page };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const a = await open(env('SZ_NS_A'), env('SZ_HTTP_PORT'));
  const b = await open(env('SZ_NS_B'), env('SZ_HTTP_PORT'));
  try {
    await a.page.evaluate((c) => start(c), config(env('SZ_TURN_HOST_A')));
    await b.page.evaluate((c) => start(c), config(env('SZ_TURN_HOST_B')));
    const offer = await a.page.evaluate(() => offer());
    if (mode !== 'none') {
      const types = [...offer.sdp.matchAll(/ typ (\w+)/g)].map((m) => m[1]);
      if (types.length === 0 || types.some((t) => t !== 'relay')) throw new Error(`offer candidates not all relay: ${types}`);
    }
    const answer = await b.page.evaluate((o) => answer(o), offer);
    await a.page.evaluate((ans) => accept(ans), answer);

    if (mode === 'none') {
      await sleep(8000);
      const states = [await a.page.evaluate(() => state()), await b.page.evaluate(() => state())];
      if (states.includes('connected')) throw new Error(`connected without a relay: ${states}`);
      console.log(`none: not connected without TURN (${states.join('/')}), as it must be`);
      return;
    }
    for (const side of [a, b]) {
      await side.page.waitForFunction(() => state() === 'connected', null, { timeout: 20000 });
    }
    // Media must grow on both sides; polled for up to 10 s (a loaded 2-core CI machine decodes its first frames late).
    const first = await b.page.evaluate(() => stats());
    let second = first;
    let fromA = await a.page.evaluate(() => stats());
    const flowing = () => second.framesDecoded > first.framesDecoded && second.audioPackets > first.audioPackets
      && second.width > 0 && fromA.framesDecoded > 0;
    for (const deadline = Date.now() + 10000; !flowing() && Date.now() < deadline;) {
      await sleep(500);
      second = await b.page.evaluate(() => stats());
      fromA = await a.page.evaluate(() => stats());
    }
    const ok = second.local === 'relay' && second.remote === 'relay' && fromA.local === 'relay'
      && second.relayProtocol === mode && flowing();
    console.log(`${mode}: pair ${second.local}/${second.remote} over ${second.relayProtocol}, frames ${first.framesDecoded}->${second.framesDecoded}, audio packets ${first.audioPackets}->${second.audioPackets}, width ${second.width}`);
    if (!ok) throw new Error(`call through the relay did not work: ${JSON.stringify({ first, second, fromA })}`);
  } finally {
    await a.browser.close();
    await b.browser.close();
  }
}

main().then(() => process.exit(0), (e) => { console.error(`${mode}: FAILED: ${e.message}`); process.exit(1); });
