// Browser end-to-end check of the statistics (issue 5), run at the end of the "consultation" scenario: the doctor,
// now at the practice's front-desk computer (its own browser, reaching the server by a host name that resolves to
// the namespace's address, so the server sees the client's real address), sets the period to include today and
// downloads CSV (per event and per day) and PDF from /praxis. The files must hold the consultation that just ended:
// its duration, peer-to-peer connection, chat among its features, the telemetry and the logins. What run.sh needs
// for its Redis search (the account's and practice's raw ids) goes to the artifacts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { WAIT, check, expectCleanPage, person } from './lib.mjs';

/** The host name the front-desk browser uses; mapped to the namespace's address by Chromium's resolver rules. */
const OFFICE_HOST = 'praxis.test';

/**
 * RFC 4180 as the collector writes it (docs/statistics.md, "CSV"): header line, comma, `"` quoting.
 * @param {string} text
 * @returns {Record<string, string>[]}
 */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') {
        i++;
      }
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += c;
    }
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/**
 * The text-showing strings of a PDF's content streams (PDFBox writes Standard-14 text as literal strings),
 * after inflating the Flate-compressed streams. Enough to find a label; no PDF library needed.
 * @param {Buffer} pdf
 */
export function pdfStrings(pdf) {
  const out = [];
  const raw = pdf.toString('latin1');
  const re = /stream\r?\n/g;
  let m;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) {
      break;
    }
    const bytes = pdf.subarray(start, end);
    let content;
    try {
      content = inflateSync(bytes).toString('latin1');
    } catch {
      content = bytes.toString('latin1');
    }
    for (const s of content.matchAll(/\(((?:\\.|[^\\)])*)\)\s*Tj/g)) {
      out.push(s[1].replace(/\\(.)/g, '$1'));
    }
    re.lastIndex = end;
  }
  return out;
}

/** @param {Date} d */
function isoDay(d) {
  return d.toISOString().slice(0, 10);
}

/**
 * Clicks a download button and returns the file the browser saved, with the name it suggested.
 * @param {import('playwright-core').Page} page
 * @param {string} testId
 */
async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: WAIT.ui }), page.getByTestId(testId).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

/**
 * @param {{ launchOther: (kind: string, args?: string[]) => Promise<any>, people: any[], base: string,
 *   lanAddress: string, login: string, password: string, leaks: any, artifacts: string, step: (s: string) => void,
 *   consultationFrom: number }} o
 */
export async function statisticsAfterConsultation(o) {
  const port = new URL(o.base).port;
  const browser = await o.launchOther('fake-devices', [`--host-resolver-rules=MAP ${OFFICE_HOST} ${o.lanAddress}`]);
  const office = await person(browser, 'office', o.leaks, o.artifacts);
  o.people.push(office);
  const { page } = office;
  await page.goto(`http://${OFFICE_HOST}:${port}/praxis`);
  await page.getByTestId('login-user').fill(o.login);
  await page.getByTestId('login-password').fill(o.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('stats-csv').waitFor({ timeout: WAIT.ui });
  const me = await page.evaluate(async () => (await fetch('/api/me', {
    headers: { Authorization: `Bearer ${sessionStorage.getItem('sz.token')}` } })).json());
  writeFileSync(join(o.artifacts, 'stats-raw-ids.txt'), `${me.id}\n${me.practiceId}\n`);

  // The form starts on the last full month; the doctor picks yesterday to tomorrow (any time zone holds today).
  const now = Date.now();
  const defaultFrom = await page.getByTestId('stats-from').inputValue();
  check(/^\d{4}-\d{2}-01$/.test(defaultFrom), `office: the period starts on the first of the last month (${defaultFrom})`);
  const from = isoDay(new Date(now - 86400000));
  const last = isoDay(new Date(now + 86400000));
  await page.getByTestId('stats-from').fill(from);
  await page.getByTestId('stats-to').fill(last);
  check(await page.getByTestId('stats-scope').inputValue() === 'own', 'office: own figures by default');
  o.step('statistics form filled');

  const events = await download(page, 'stats-csv');
  check(events.name === `sprechzimmer-statistik-${from}_${last}.csv`, `office: CSV file name (${events.name})`);
  writeFileSync(join(o.artifacts, 'stats-events.csv'), events.bytes);
  const rows = parseCsv(events.bytes.toString('utf8'));
  const ended = rows.filter((r) => r.type === 'consultation.ended' && Date.parse(r.time) >= o.consultationFrom);
  check(ended.length === 1, `CSV: the consultation's end, once (${ended.length})`);
  const c = ended[0];
  const maxSeconds = Math.ceil((now - o.consultationFrom) / 1000) + 2;
  check(Number(c['duration-s']) >= 1 && Number(c['duration-s']) <= maxSeconds,
    `CSV: plausible duration ${c['duration-s']} s (at most ${maxSeconds} s)`);
  check(c.connection === 'p2p', `CSV: connection p2p (${c.connection})`);
  check(c.features.split(',').includes('chat') && c.features.split(',').includes('screen-sharing'),
    `CSV: features hold chat and screen sharing (${c.features})`);
  check(c.doctors === '1' && c.guests === '1', `CSV: one doctor, one guest (${c.doctors}/${c.guests})`);
  const started = rows.filter((r) => r.type === 'consultation.started' && Date.parse(r.time) >= o.consultationFrom);
  check(started.length === 1 && started[0].guests === '1', 'CSV: the consultation started with its guest');
  const telemetry = rows.filter((r) => r.type === 'telemetry' && Date.parse(r.time) >= o.consultationFrom);
  check(['doctor', 'guest'].every((role) => telemetry.some((r) => r.role === role && r.path === 'p2p'
    && r.media === 'audio-video' && r.protocol === 'udp' && Number(r.port) > 0)),
  `CSV: p2p audio-video telemetry of doctor and guest (${telemetry.length} rows)`);
  const logins = rows.filter((r) => r.type === 'login');
  check(logins.some((r) => r.role === 'guest' && r.browser === 'chromium' && r.os === 'linux' && r.device === 'desktop'
    && /^\d+\.\d+$/.test(r['browser-version'])), 'CSV: the patient\'s login (chromium on linux, desktop)');
  check(logins.some((r) => r.role === 'admin' && r.domain === OFFICE_HOST), `CSV: the front-desk login with domain ${OFFICE_HOST}`);
  check(!events.bytes.toString('utf8').includes(o.lanAddress) && !events.bytes.toString('utf8').includes(me.id),
    'CSV: no address, no raw account id');
  o.step('CSV per event checked');

  const days = await download(page, 'stats-csv-days');
  writeFileSync(join(o.artifacts, 'stats-days.csv'), days.bytes);
  const dayRows = parseCsv(days.bytes.toString('utf8'));
  const sum = (/** @type {string} */ col) => dayRows.reduce((n, r) => n + Number(r[col] || 0), 0);
  check(dayRows.length >= 3 && sum('consultations') === 1 && sum('connection-p2p') === 1 && sum('chat') === 1,
    `CSV per day: one p2p consultation with chat (${dayRows.length} days)`);
  o.step('CSV per day checked');

  const pdf = await download(page, 'stats-pdf');
  writeFileSync(join(o.artifacts, 'stats.pdf'), pdf.bytes);
  check(pdf.bytes.subarray(0, 5).toString('latin1') === '%PDF-', 'PDF: starts with %PDF-');
  const texts = pdfStrings(pdf.bytes);
  const value = (/** @type {string} */ label) => texts[texts.indexOf(label) + 1];
  check(value('Sprechstunden:') === '1' && value('Chat:') === '1' && value('Bildschirmfreigabe:') === '1',
    `PDF: one consultation with chat and screen sharing (${texts.slice(0, 12).join(' | ')})`);
  check(pdf.name.endsWith('.pdf'), `PDF: file name (${pdf.name})`);
  o.step('PDF checked');

  // A period the collector refuses is explained, not silently ignored.
  await page.getByTestId('stats-from').fill('2020-01-01');
  await page.getByTestId('stats-to').fill(last);
  await page.getByTestId('stats-csv').click();
  await page.locator('#stats-error').filter({ hasText: '93 Tagen' }).waitFor({ timeout: WAIT.ui });
  await expectCleanPage(office);
  o.step('too long a period explained');
}
