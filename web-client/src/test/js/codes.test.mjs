// Access codes as patients type them (docs/api.md: case-insensitive, spaces and dashes ignored).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CODE_ALPHABET, displayCode, normalizeCode } from '../../main/web/js/api.js';

test('typed codes are reduced to their 12 characters', () => {
  assert.equal(normalizeCode('K7QM-4XRT-9HWP'), 'K7QM4XRT9HWP');
  assert.equal(normalizeCode(' k7qm 4xrt 9hwp '), 'K7QM4XRT9HWP');
  assert.equal(normalizeCode('k7qm4xrt9hwp'), 'K7QM4XRT9HWP');
});

test('what cannot be a code is refused', () => {
  for (const bad of ['', 'K7QM-4XRT-9HW', 'K7QM-4XRT-9HWPX', 'K7QM-4XRT-9HW0', 'O7QM-4XRT-9HWP', 'I7QM-4XRT-9HWP', 'L7QM4XRT9HWP']) {
    assert.equal(normalizeCode(bad), null, bad);
  }
});

test('the alphabet has no look-alikes and matches the server (common AccessCodes.ALPHABET)', () => {
  assert.equal(CODE_ALPHABET, '23456789ABCDEFGHJKMNPQRSTUVWXYZ');
});

test('codes are shown in groups of four', () => {
  assert.equal(displayCode('K7QM4XRT9HWP'), 'K7QM-4XRT-9HWP');
});
