// Tests of the browser crypto helper on Node's WebCrypto (the same API the browser has). Run: node --test
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ENVELOPE_OVERHEAD, WhiteboardError, checkLimits, decryptFile, decryptMeta, encryptFile, exportSessionKey,
  fromBase64Url, generateSessionKey, importSessionKey, sniffType,
} from '../../main/web/js/whiteboard-crypto.js';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
const WEBP = new TextEncoder().encode('RIFF\x24\x00\x00\x00WEBPVP8 ');
const PDF = new TextEncoder().encode('%PDF-1.7\n%\xe2\xe3\n1 0 obj << /Type /Catalog >> endobj\n');

const blob = (/** @type {Uint8Array} */ bytes) => new Blob([bytes]);

test('types are recognised by their first bytes, not by name', () => {
  assert.equal(sniffType(PNG), 'image/png');
  assert.equal(sniffType(JPEG), 'image/jpeg');
  assert.equal(sniffType(WEBP), 'image/webp');
  assert.equal(sniffType(PDF), 'application/pdf');
  assert.equal(sniffType(new TextEncoder().encode('   \n%PDF-1.4 after junk')), 'application/pdf');
  assert.equal(sniffType(new TextEncoder().encode('MZ\x90\x00 an executable')), null);
  assert.equal(sniffType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')), null);
  assert.equal(sniffType(new TextEncoder().encode('RIFF\x24\x00\x00\x00WAVEfmt ')), null);
  assert.equal(sniffType(new Uint8Array(0)), null);
});

test('a file and its metadata round-trip, and the envelope has the documented shape', async () => {
  const key = await generateSessionKey();
  const { envelope, meta, info } = await encryptFile(key, 's_1', blob(PDF), 'Befund Müller.pdf');
  assert.equal(envelope[0], 1);
  assert.equal(envelope.length, PDF.length + ENVELOPE_OVERHEAD);
  assert.match(meta, /^[A-Za-z0-9_-]+$/);
  assert.equal(fromBase64Url(meta)[0], 1);
  assert.ok(!Buffer.from(envelope).includes(Buffer.from('Catalog')));
  assert.ok(!meta.includes('Befund'));

  const opened = await decryptMeta(key, 's_1', meta);
  assert.deepEqual(opened, info);
  assert.equal(opened.name, 'Befund Müller.pdf');
  assert.equal(opened.type, 'application/pdf');
  const file = await decryptFile(key, 's_1', opened, envelope);
  assert.equal(file.type, 'application/pdf');
  assert.deepEqual(new Uint8Array(await file.arrayBuffer()), PDF);
});

test('the key travels as text and works on the other side', async () => {
  const key = await generateSessionKey();
  const text = await exportSessionKey(key);
  assert.match(text, /^[A-Za-z0-9_-]{43}$/);
  const other = await importSessionKey(text);
  const { envelope, meta } = await encryptFile(key, 's_1', blob(PNG), 'rash.png');
  const info = await decryptMeta(other, 's_1', meta);
  assert.equal((await decryptFile(other, 's_1', info, envelope)).size, PNG.length);
  await assert.rejects(importSessionKey('AAAA'), { code: 'invalid_key' });
});

test('another key, another session, an altered byte or a swapped file fail to open', async () => {
  const key = await generateSessionKey();
  const a = await encryptFile(key, 's_1', blob(PNG), 'a.png');
  const b = await encryptFile(key, 's_1', blob(JPEG), 'b.jpg');
  const infoA = await decryptMeta(key, 's_1', a.meta);
  await assert.rejects(decryptMeta(await generateSessionKey(), 's_1', a.meta), { code: 'decrypt_failed' });
  await assert.rejects(decryptMeta(key, 's_2', a.meta), { code: 'decrypt_failed' });
  const altered = a.envelope.slice();
  altered[20] ^= 1;
  await assert.rejects(decryptFile(key, 's_1', infoA, altered), { code: 'decrypt_failed' });
  // A server that swaps the bodies of two entries is caught: the file's AAD carries its metadata's ref.
  await assert.rejects(decryptFile(key, 's_1', infoA, b.envelope), { code: 'decrypt_failed' });
  await assert.rejects(decryptFile(key, 's_1', infoA, new Uint8Array(10)), { code: 'decrypt_failed' });
});

test('files of other types are refused before anything is encrypted', async () => {
  const key = await generateSessionKey();
  await assert.rejects(encryptFile(key, 's_1', blob(new TextEncoder().encode('just text')), 'notes.pdf'),
    (e) => e instanceof WhiteboardError && e.code === 'unsupported_type');
});

test('limits are checked before encrypting, with the server\'s codes', () => {
  const limits = { maxFileBytes: 1000, maxSessionBytes: 2500, maxFiles: 4 };
  assert.equal(checkLimits(1000, limits, { files: 0, bytes: 0 }), null);
  assert.equal(checkLimits(1001, limits, { files: 0, bytes: 0 }), 'too_large');
  assert.equal(checkLimits(600, limits, { files: 2, bytes: 2000 }), 'session_full');
  assert.equal(checkLimits(1, limits, { files: 4, bytes: 4 }), 'too_many_files');
});

test('long names are shortened, and metadata stays far below the server\'s header limit', async () => {
  const key = await generateSessionKey();
  const { meta, info } = await encryptFile(key, 's_1', blob(WEBP), 'x'.repeat(5000));
  assert.equal(info.name.length, 200);
  assert.ok(meta.length < 2048, `meta is ${meta.length} characters`);
});
