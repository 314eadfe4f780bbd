// Browser end-to-end scenario "whiteboard" (run by consultation.test.mjs): the doctor puts a PDF on the
// whiteboard, the patient sees its first page, draws, the doctor sees the stroke, a member who joins later sees
// document and drawing, page and zoom follow the doctor; after the end the file's URL answers 404/410. Along
// the way: the browser refuses a file that is not PDF/PNG/JPEG/WebP before sending anything, the upload body
// holds neither the PDF nor its name, and the session key travels only over the whiteboard data channel.
import { crc32, deflateSync } from 'node:zlib';
import { WAIT, check, expectCleanPage, person, uniqueName } from './lib.mjs';

/** A two-page PDF (a coloured box and a line of text per page), built here so no fixture file is needed. */
export function twoPagePdf(text) {
  const page = (rgb, label) => `${rgb} rg 72 560 450 200 re f BT /F1 28 Tf 72 500 Td (${label}) Tj ET`;
  const contents = [page('0.1 0.4 0.7', text), page('0.7 0.2 0.1', 'Seite 2')];
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 6 0 R >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 7 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ...contents.map((c) => `<< /Length ${c.length} >>\nstream\n${c}\nendstream`),
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** A PNG of one colour (RFC 2083: signature, IHDR, one IDAT, IEND). */
export function onePng(width, height, [r, g, b]) {
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, no filter, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array(height).fill(row)))), chunk('IEND', Buffer.alloc(0))]);
}

/** Test-only: records what the page sends on its whiteboard data channels (to find the session key). */
function channelProbe() {
  const w = /** @type {any} */ (window);
  w.__szWbSent = [];
  const send = RTCDataChannel.prototype.send;
  RTCDataChannel.prototype.send = function (data) {
    if (this.label === 'whiteboard' && typeof data === 'string' && w.__szWbSent.length < 5000) {
      w.__szWbSent.push(data);
    }
    return send.call(this, data);
  };
}

/**
 * Pixels that show something: on the document canvas, pixels that are not (nearly) white; on the drawing
 * canvas, pixels that are not transparent.
 */
function paintedPixels(page, testid) {
  return page.evaluate((id) => {
    const c = /** @type {HTMLCanvasElement | null} */ (document.querySelector(`[data-testid="${id}"]`));
    if (!c || c.width === 0 || c.height === 0) {
      return 0;
    }
    const d = /** @type {CanvasRenderingContext2D} */ (c.getContext('2d')).getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (id === 'wb-ink' ? d[i + 3] > 0 : d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) {
        n++;
      }
    }
    return n;
  }, testid);
}

async function expectPainted(p, testid, label) {
  const deadline = Date.now() + WAIT.ui;
  let n = 0;
  while ((n = await paintedPixels(p.page, testid)) === 0 && Date.now() < deadline) {
    await p.page.waitForTimeout(100);
  }
  check(n > 0, `${p.name}: ${label} (${n} pixels)`);
  return n;
}

async function expectPage(p, page, label) {
  await p.page.locator(`[data-testid="wb-canvas"][data-rendered="${page}"]`).waitFor({ timeout: WAIT.ui });
  await p.page.getByTestId('wb-page').filter({ hasText: label }).waitFor({ timeout: WAIT.ui });
}

function ticketOf(p) {
  return p.frames.received.filter((m) => m?.type === 'session').at(-1)?.data?.tickets?.whiteboard;
}

/**
 * @param {{ browser: any, people: any[], base: string, leaks: { secrets: Set<string>, credentials: Set<string> },
 *   artifacts: string, step: (text: string) => void, loginDoctor: Function, createCode: Function,
 *   joinAsGuest: Function, admit: Function, expectWaiting: Function }} t
 */
export async function whiteboard(t) {
  const { browser, people, base, leaks, artifacts, step } = t;
  const doctor = await person(browser, 'doctor', leaks, artifacts);
  const patient = await person(browser, 'patient', leaks, artifacts);
  const late = await person(browser, 'late', leaks, artifacts);
  people.push(doctor, patient, late);
  for (const p of [doctor, patient, late]) {
    await p.context.addInitScript(channelProbe);
  }
  const patientName = uniqueName('Lena');
  const lateName = uniqueName('Omar');
  const secretText = uniqueName('Befundtext').replace(' ', '');
  const fileName = `${uniqueName('Befund').replace(' ', '-')}.pdf`;
  for (const s of [secretText, fileName]) {
    leaks.secrets.add(s);
    leaks.credentials.add(s);
  }

  await t.loginDoctor(doctor);
  const patientCode = await t.createCode(doctor, patientName);
  const lateCode = await t.createCode(doctor, lateName);
  await t.joinAsGuest(patient, patientCode, patientName, { viaLink: true });
  await t.admit(doctor, patientName);
  // The third one waits meanwhile (side by side with what follows: it saves the time of a join).
  const lateWaiting = t.joinAsGuest(late, lateCode, lateName, { viaLink: true });
  step('patient admitted');

  // Not a PDF or image: refused in the browser, nothing is sent.
  let posts = 0;
  doctor.page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/whiteboard/files')) {
      posts++;
    }
  });
  await doctor.page.getByTestId('whiteboard-toggle').click();
  await doctor.page.getByTestId('wb-upload').setInputFiles({ name: 'notiz.txt', mimeType: 'application/pdf', buffer: Buffer.from('Kein PDF, nur Text') });
  await doctor.page.getByTestId('wb-error').filter({ hasText: 'nur PDF, PNG, JPEG oder WebP' }).waitFor({ timeout: WAIT.ui });
  check(posts === 0, `doctor: a text file is refused before anything is uploaded (${posts} uploads)`);

  const pdf = twoPagePdf(secretText);
  const uploaded = doctor.page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/whiteboard/files'), { timeout: WAIT.ui });
  await doctor.page.getByTestId('wb-upload').setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: pdf });
  const response = await uploaded;
  check(response.status() === 201, `doctor: upload accepted (HTTP ${response.status()})`);
  const fileId = (await response.json()).id;
  const body = response.request().postDataBuffer() ?? Buffer.alloc(0);
  const meta = (await response.request().allHeaders())['x-whiteboard-meta'] ?? '';
  check(body.length === pdf.length + 29 && !body.includes('%PDF') && !body.includes(secretText),
    `doctor: the upload is the encrypted envelope, not the PDF (${body.length} bytes)`);
  check(meta.length > 0 && !meta.includes(fileName) && !Buffer.from(meta, 'base64url').includes('Befund'),
    'doctor: the metadata header holds no file name');
  await expectPage(doctor, 1, 'Seite 1 von 2');
  step('doctor uploaded a PDF');

  // The patient's whiteboard opens by itself and shows the first page, with the file's (decrypted) name.
  await expectPage(patient, 1, 'Seite 1 von 2');
  await expectPainted(patient, 'wb-canvas', 'sees the first page of the PDF rendered');
  check((await patient.page.getByTestId('wb-files').locator('option:checked').textContent()) === fileName,
    'patient: sees the file name');
  step('patient sees the first page');

  // The patient draws; the doctor sees the stroke.
  await patient.page.getByTestId('wb-tool-pen').click();
  const ink = patient.page.getByTestId('wb-ink');
  await ink.scrollIntoViewIfNeeded();
  const box = await ink.boundingBox();
  const [x0, y0] = [box.x + box.width * 0.2, box.y + 40];
  await patient.page.mouse.move(x0, y0);
  await patient.page.mouse.down();
  for (let i = 1; i <= 12; i++) {
    await patient.page.mouse.move(x0 + i * 15, y0 + i * 6);
  }
  await patient.page.mouse.up();
  await expectPainted(patient, 'wb-ink', 'sees its own stroke');
  await expectPainted(doctor, 'wb-ink', 'sees the patient\'s stroke');
  step('patient drew, doctor sees it');

  // Someone admitted later gets key, document, page and drawing from the others.
  await lateWaiting;
  await t.admit(doctor, lateName);
  await expectPage(late, 1, 'Seite 1 von 2');
  await Promise.all([expectPainted(late, 'wb-canvas', 'joined later, sees the PDF'),
    expectPainted(late, 'wb-ink', 'joined later, sees the stroke')]);
  step('late joiner sees document and drawing');

  // A guest puts up an image (same key: it came over the data channel); the doctor removes it for everyone.
  const imageName = `${uniqueName('Foto').replace(' ', '-')}.png`;
  leaks.secrets.add(imageName);
  await late.page.getByTestId('wb-upload').setInputFiles({ name: imageName, mimeType: 'image/png', buffer: onePng(64, 48, [20, 90, 40]) });
  await Promise.all([late, doctor].map(async (p) => {
    await p.page.getByTestId('wb-files').locator('option:checked').filter({ hasText: imageName }).waitFor({ state: 'attached', timeout: WAIT.ui });
    await expectPage(p, 1, 'Seite 1 von 1');
    await expectPainted(p, 'wb-canvas', 'sees the image');
  }));
  /** @param {{ page: any }} p */
  const fileOptions = (p) => p.page.getByTestId('wb-files').locator('option');
  // The patient did not open the image, but it must have reached their list before the removal is judged there.
  await fileOptions(patient).filter({ hasText: imageName }).waitFor({ state: 'attached', timeout: WAIT.ui });
  await doctor.page.getByTestId('wb-remove').click(); // the confirmation is accepted (lib.mjs)
  await Promise.all([patient, late].map(async (p) => {
    await expectPage(p, 1, 'Seite 1 von 2');
    await fileOptions(p).filter({ hasText: imageName }).waitFor({ state: 'detached', timeout: WAIT.ui });
    check(await fileOptions(p).count() === 1, `${p.name}: the removed image is gone from the list`);
  }));
  step('image shown and removed');

  // The doctor points: the others see a dot with the doctor's name. Then the doctor clears the drawing everywhere.
  const docInk = doctor.page.getByTestId('wb-ink');
  await docInk.scrollIntoViewIfNeeded();
  const docBox = await docInk.boundingBox();
  await doctor.page.mouse.move(docBox.x + docBox.width / 2, docBox.y + 60);
  await doctor.page.mouse.move(docBox.x + docBox.width / 2 + 10, docBox.y + 70);
  await Promise.all([patient, late].map((p) => p.page.locator('.wb-pointer').filter({ hasText: 'Praxis' }).waitFor({ timeout: WAIT.ui })));
  await doctor.page.getByTestId('wb-clear').click();
  await Promise.all([patient, late].map(async (p) => {
    await p.page.waitForFunction(() => {
      const c = document.querySelector('[data-testid="wb-ink"]');
      return !c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v, i) => i % 4 === 3 && v > 0);
    }, null, { timeout: WAIT.ui, polling: 100 });
  }));
  step('pointer shown, drawing cleared everywhere');

  // Page and zoom follow the doctor everywhere.
  await doctor.page.getByTestId('wb-next').click();
  await doctor.page.getByTestId('wb-zoom-in').click();
  await Promise.all([patient, late].map(async (p) => {
    await expectPage(p, 2, 'Seite 2 von 2');
    await p.page.getByTestId('wb-zoom').filter({ hasText: '125 %' }).waitFor({ timeout: WAIT.ui });
    check(await paintedPixels(p.page, 'wb-ink') === 0, `${p.name}: page 2 carries no drawing of page 1`);
  }));
  step('page and zoom followed');

  // The session key went only over the whiteboard data channel: never in a signaling frame.
  const keys = new Set();
  for (const p of [doctor, patient, late]) {
    const sent = await p.page.evaluate(() => window.__szWbSent);
    for (const m of sent.map((s) => JSON.parse(s)).filter((m) => m.t === 'keys')) {
      m.keys.forEach((k) => keys.add(k));
    }
  }
  check(keys.size === 1, `one session key, handed over the data channel (${keys.size})`);
  for (const key of keys) {
    leaks.secrets.add(key);
    leaks.credentials.add(key);
    for (const p of [doctor, patient, late]) {
      check(!JSON.stringify(p.frames.sent).includes(key), `${p.name}: the session key is in no signaling frame`);
    }
  }

  const ticket = ticketOf(patient);
  check(typeof ticket === 'string', 'patient: has a whiteboard ticket');
  const download = await fetch(`${base}/whiteboard/files/${fileId}`, { headers: { Authorization: `Bearer ${ticket}` } });
  check(download.status === 200, `the file downloads during the session (HTTP ${download.status})`);
  await doctor.page.getByTestId('hangup').click();
  await patient.page.getByTestId('call-ended').waitFor({ timeout: WAIT.ui });
  let status = 0;
  const deadline = Date.now() + WAIT.short;
  while (Date.now() < deadline) {
    status = (await fetch(`${base}/whiteboard/files/${fileId}`, { headers: { Authorization: `Bearer ${ticket}` } })).status;
    if (status === 404 || status === 410) {
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  check(status === 404 || status === 410, `after the end the file's URL answers 404/410 (HTTP ${status})`);
  step('ended, file gone');
  for (const p of [doctor, patient, late]) {
    await expectCleanPage(p);
  }
}
