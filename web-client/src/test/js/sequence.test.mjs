// EventSequence: server events in seq order, each once, with lastSeq for the next resume.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventSequence } from '../../main/web/js/sequence.js';

function collect() {
  const got = [];
  const seq = new EventSequence((e) => got.push(e.seq));
  return { seq, got };
}

test('delivers in order and counts lastSeq', () => {
  const { seq, got } = collect();
  [1, 2, 3].forEach((n) => seq.push({ seq: n }));
  assert.deepEqual(got, [1, 2, 3]);
  assert.equal(seq.lastSeq, 3);
});

test('holds events after a gap until the missing ones arrive (seen: 5 before 3 and 4)', () => {
  const { seq, got } = collect();
  [1, 2, 5, 3].forEach((n) => seq.push({ seq: n }));
  assert.deepEqual(got, [1, 2, 3]);
  assert.equal(seq.lastSeq, 3, 'a resume now asks for everything after 3');
  seq.push({ seq: 4 });
  assert.deepEqual(got, [1, 2, 3, 4, 5]);
  seq.reset();
});

test('drops repeats, e.g. a replay that overlaps what was seen', () => {
  const { seq, got } = collect();
  [1, 2, 3, 2, 3, 4, 4].forEach((n) => seq.push({ seq: n }));
  assert.deepEqual(got, [1, 2, 3, 4]);
});

test('a fresh connection learns its numbering from the first event', () => {
  const { seq, got } = collect();
  [7, 8].forEach((n) => seq.push({ seq: n }));
  seq.reset();
  assert.equal(seq.lastSeq, 0);
  [16, 17].forEach((n) => seq.push({ seq: n }));
  assert.deepEqual(got, [7, 8, 16, 17]);
});

test('after a gap that never fills, the later events are delivered anyway', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { seq, got } = collect();
  [1, 3, 4].forEach((n) => seq.push({ seq: n }));
  assert.deepEqual(got, [1]);
  t.mock.timers.tick(999);
  assert.deepEqual(got, [1]);
  t.mock.timers.tick(1);
  assert.deepEqual(got, [1, 3, 4]);
  assert.equal(seq.lastSeq, 4);
  seq.push({ seq: 2 });
  assert.deepEqual(got, [1, 3, 4], 'too late: not delivered out of order');
});
