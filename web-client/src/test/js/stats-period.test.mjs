// The statistics form's period (docs/statistics.md: default the last full calendar month; `to` is exclusive).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dayAfter, lastMonth } from '../../main/web/js/praxis-stats.js';

test('the default period is the last full calendar month, both days shown inclusive', () => {
  assert.deepEqual(lastMonth(new Date(2026, 10, 23)), { from: '2026-10-01', to: '2026-10-31' });
  assert.deepEqual(lastMonth(new Date(2026, 0, 1)), { from: '2025-12-01', to: '2025-12-31' });
  assert.deepEqual(lastMonth(new Date(2028, 2, 31)), { from: '2028-02-01', to: '2028-02-29' });
});

test('the last day shown becomes the exclusive end the API takes', () => {
  assert.equal(dayAfter('2026-10-31'), '2026-11-01');
  assert.equal(dayAfter('2026-12-31'), '2027-01-01');
  assert.equal(dayAfter('2028-02-28'), '2028-02-29');
  assert.equal(dayAfter('2026-03-28'), '2026-03-29'); // a DST weekend changes nothing
});
