// The whiteboard's shared state and the checks on what peers send (whiteboard-state.js). Run: node --test
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BoardState, CHUNK_POINTS, COORD_MAX, MAX_KEYS, MAX_MESSAGE_CHARS, MAX_POINTS, MAX_STROKES_PER_PAGE, parseMessage,
} from '../../main/web/js/whiteboard-state.js';

const FILE = 'Jx3kVw2f8Yt0aQpLs9dE4w';
const OTHER = 'AAAAAAAAAAAAAAAAAAAAAA';
const KEY_A = 'a'.repeat(43);
const KEY_B = 'B'.repeat(43);
const send = (m) => parseMessage(JSON.stringify(m));
const ink = (id, from, pts, extra = {}) => ({ t: 'ink', id, file: FILE, page: 1, epoch: 0, color: 2, from, pts, ...extra });

test('well-formed messages pass, and only their known fields', () => {
  assert.deepEqual(send({ t: 'keys', keys: [KEY_A] }), { t: 'keys', keys: [KEY_A] });
  assert.deepEqual(send({ t: 'view', file: FILE, page: 3, zoom: 1.5, rev: 7, by: 'p_doc', extra: 'x' }),
    { t: 'view', file: FILE, page: 3, zoom: 1.5, rev: 7, by: 'p_doc' });
  assert.deepEqual(send({ t: 'view', file: null, page: 1, zoom: 1, rev: 1, by: 'p_1' })?.file, null);
  assert.deepEqual(send({ t: 'files', name: 'Befund.pdf' }), { t: 'files' });
  assert.deepEqual(send(ink('abc.1', 0, [0, 0, COORD_MAX, COORD_MAX])).pts, [0, 0, COORD_MAX, COORD_MAX]);
  assert.deepEqual(send({ t: 'clear', file: FILE, page: 2, epoch: 1 }), { t: 'clear', file: FILE, page: 2, epoch: 1 });
  assert.deepEqual(send({ t: 'pointer', file: FILE, page: 1, x: 5, y: 6 }), { t: 'pointer', file: FILE, page: 1, x: 5, y: 6 });
  assert.deepEqual(send({ t: 'pointer', hide: true }), { t: 'pointer', hide: true });
});

test('anything else from a peer is dropped', () => {
  const bad = [
    'not json', '[1,2]', 'null', '"text"', JSON.stringify({ t: 'chat', text: 'hi' }),
    JSON.stringify({ t: 'keys', keys: ['short'] }),
    JSON.stringify({ t: 'keys', keys: Array(MAX_KEYS + 1).fill(KEY_A) }),
    JSON.stringify({ t: 'keys', keys: KEY_A }),
    JSON.stringify({ t: 'view', file: '../../etc/passwd', page: 1, zoom: 1, rev: 1, by: 'p' }),
    JSON.stringify({ t: 'view', file: FILE, page: 0, zoom: 1, rev: 1, by: 'p' }),
    JSON.stringify({ t: 'view', file: FILE, page: 1, zoom: 1.1, rev: 1, by: 'p' }),
    JSON.stringify({ t: 'view', file: FILE, page: 1, zoom: 1, rev: 0.5, by: 'p' }),
    JSON.stringify({ t: 'view', file: FILE, page: 1, zoom: 1, rev: 1, by: '<script>' }),
    JSON.stringify(ink('abc.1', 0, [0, 0, COORD_MAX + 1, 0])),
    JSON.stringify(ink('abc.1', 0, [0, 0, -1, 0])),
    JSON.stringify(ink('abc.1', 0, [0, 0, 0.5, 0])),
    JSON.stringify(ink('abc.1', 0, [0, 0, 1])),
    JSON.stringify(ink('abc.1', 0, [])),
    JSON.stringify(ink('abc.1', 0, Array(2 * CHUNK_POINTS + 2).fill(1))),
    JSON.stringify(ink('no dot', 0, [1, 1])),
    JSON.stringify(ink('abc.1', 0, [1, 1], { color: 99 })),
    JSON.stringify({ t: 'clear', file: FILE, page: 1, epoch: 0 }),
    JSON.stringify({ t: 'pointer', file: FILE, page: 1, x: '1', y: 2 }),
    JSON.stringify({ t: 'files', pad: 'x'.repeat(MAX_MESSAGE_CHARS) }),
  ];
  for (const text of bad) {
    assert.equal(parseMessage(text), null, text.slice(0, 80));
  }
  assert.equal(parseMessage(new ArrayBuffer(8)), null);
});

test('concurrent view changes settle on the same view everywhere', () => {
  const a = new BoardState();
  const b = new BoardState();
  const fromA = a.changeView({ file: FILE, page: 2 }, 'p_a');
  const fromB = b.changeView({ file: OTHER, page: 1 }, 'p_b');
  a.applyView(fromB);
  b.applyView(fromA);
  assert.deepEqual(a.view, b.view);
  assert.equal(a.view.file, OTHER, 'same rev: the larger member id wins');
  const next = a.changeView({ zoom: 2 }, 'p_a');
  assert.ok(b.applyView(next));
  assert.ok(!b.applyView(fromA), 'an old view is not taken again');
  assert.deepEqual(b.view, { file: OTHER, page: 1, zoom: 2, rev: 2, by: 'p_a' });
});

test('every member uploads under the same key once keys have spread', () => {
  const a = new BoardState();
  const b = new BoardState();
  a.addKeys([KEY_A]);
  b.addKeys([KEY_B]);
  assert.ok(a.addKeys([...b.keys]));
  assert.ok(b.addKeys([...a.keys]));
  assert.ok(!a.addKeys([KEY_B]), 'a known key changes nothing');
  assert.equal(a.uploadKey, b.uploadKey);
  const many = Array.from({ length: 20 }, (_, i) => String(i).padStart(43, 'k'));
  a.addKeys(many);
  assert.equal(a.keys.size, MAX_KEYS);
});

test('a stroke arrives in chunks; repeats do not double it, gaps are not filled with nonsense', () => {
  const s = new BoardState();
  assert.ok(s.applyInk(send(ink('x.1', 0, [1, 1, 2, 2]))));
  assert.ok(s.applyInk(send(ink('x.1', 2, [3, 3]))));
  s.applyInk(send(ink('x.1', 0, [1, 1, 2, 2, 3, 3])));
  assert.deepEqual(s.strokes(FILE, 1)[0].pts, [1, 1, 2, 2, 3, 3]);
  assert.ok(!s.applyInk(send(ink('x.1', 9, [4, 4]))));
  assert.ok(!s.applyInk(send(ink('y.1', 5, [4, 4]))), 'a stroke starts at point 0');
  assert.equal(s.points, 3);
  assert.deepEqual(s.strokes(FILE, 2), []);
});

test('a clear removes what was drawn before it, on every member, whatever the order', () => {
  const a = new BoardState();
  const b = new BoardState();
  const old = send(ink('x.1', 0, [1, 1]));
  a.applyInk(old);
  const clear = a.clear(FILE, 1);
  assert.deepEqual(a.strokes(FILE, 1), []);
  const after = send(ink('y.1', 0, [5, 5], { epoch: clear.epoch }));
  a.applyInk(after);
  // b gets the new stroke first (from another peer), then the old stroke, then the clear.
  b.applyInk(after);
  assert.ok(!b.applyInk(old), 'drawn before a clear b has not seen yet, but the newer stroke tells');
  b.applyClear(send(clear));
  assert.deepEqual(b.strokes(FILE, 1).map((x) => x.id), ['y.1']);
  assert.deepEqual(a.strokes(FILE, 1).map((x) => x.id), ['y.1']);
  assert.equal(b.points, 1);
});

test('drawings are bounded per page and in total', () => {
  const s = new BoardState();
  for (let i = 0; i < MAX_STROKES_PER_PAGE + 10; i++) {
    s.applyInk(send(ink(`s.${i}`, 0, [1, 1])));
  }
  assert.equal(s.strokes(FILE, 1).length, MAX_STROKES_PER_PAGE);
  const pts = Array(2 * CHUNK_POINTS).fill(7);
  for (let page = 2; s.points < MAX_POINTS && page < 5000; page++) {
    for (let from = 0; from < 4000; from += CHUNK_POINTS) {
      s.applyInk(send(ink(`p.${page}`, from, pts, { page })));
    }
  }
  assert.equal(s.points, MAX_POINTS);
  s.dropFile(FILE);
  assert.equal(s.points, 0);
  assert.equal(s.pages.size, 0);
});

test('a member who joins later gets the same state from the sync messages, each within the size limit', () => {
  const a = new BoardState();
  a.addKeys([KEY_A]);
  a.changeView({ file: FILE, page: 2, zoom: 1.25 }, 'p_a');
  a.applyInk(send(ink('x.1', 0, [1, 1])));
  a.clear(FILE, 1);
  const long = Array.from({ length: 1000 }, (_, i) => [i, COORD_MAX - i]).flat();
  for (let from = 0; from < 1000; from += CHUNK_POINTS) {
    a.applyInk(send(ink('x.2', from, long.slice(2 * from, 2 * (from + CHUNK_POINTS)), { page: 2 })));
  }
  const late = new BoardState();
  for (const m of a.syncMessages()) {
    const text = JSON.stringify(m);
    assert.ok(text.length <= MAX_MESSAGE_CHARS, `${m.t} message of ${text.length} characters`);
    const parsed = parseMessage(text);
    assert.ok(parsed, text.slice(0, 80));
    if (parsed.t === 'keys') late.addKeys(parsed.keys);
    else if (parsed.t === 'view') late.applyView(parsed);
    else if (parsed.t === 'ink') late.applyInk(parsed);
    else if (parsed.t === 'clear') late.applyClear(parsed);
  }
  assert.deepEqual([...late.keys], [KEY_A]);
  assert.deepEqual(late.view, a.view);
  assert.deepEqual(late.strokes(FILE, 2), a.strokes(FILE, 2));
  assert.equal(late.strokes(FILE, 2)[0].pts.length, 2000);
  assert.equal(late.page(FILE, 1).epoch, 1);
  assert.equal(late.points, a.points);
});
