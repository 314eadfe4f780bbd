// Static checks of the two pages: nothing the strict CSP would block, every text key known in both languages,
// every data-testid the browser tests and the issue name present.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { isMsgKey } from '../../main/web/js/i18n.js';

const web = new URL('../../main/web/', import.meta.url);
const read = (path) => readFileSync(new URL(path, web), 'utf8');
const pages = ['index.html', 'praxis.html'];
const scripts = readdirSync(new URL('js/', web)).filter((f) => f.endsWith('.js')).map((f) => read(`js/${f}`));

for (const page of pages) {
  const html = read(page);

  test(`${page}: no inline script, style or event handler (CSP script-src/style-src 'self')`, () => {
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'inline <script>');
    assert.doesNotMatch(html, /<style\b/i, '<style> element');
    assert.doesNotMatch(html, /\sstyle\s*=/i, 'style attribute');
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'event-handler attribute');
    assert.doesNotMatch(html, /javascript:/i, 'javascript: URL');
    assert.match(html, /<script type="module" src="\/js\/[a-z-]+\.js"><\/script>/);
  });

  test(`${page}: every data-i18n key exists`, () => {
    const keys = [...html.matchAll(/data-i18n="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(keys.length > 5);
    assert.deepEqual(keys.filter((k) => !isMsgKey(k)), []);
  });

  test(`${page}: German is the page language`, () => {
    assert.match(html, /<html lang="de">/);
  });
}

test('scripts set no inline styles through HTML and keep to their own origin', () => {
  for (const js of scripts) {
    assert.doesNotMatch(js, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
    assert.doesNotMatch(js, /document\.cookie/);
    assert.doesNotMatch(js, /https?:\/\/(?!localhost)/, 'no third-party URL');
  }
});

test('the data-testids the issue requires are on the pages or created by the scripts', () => {
  const all = pages.map(read).join('\n') + scripts.join('\n');
  const required = ['login-user', 'login-password', 'login-submit', 'room-select', 'code-patient-name', 'code-create',
    'code-value', 'join-code', 'join-name', 'join-consent', 'join-submit', 'waiting-entry', 'admit', 'local-video',
    'remote-video', 'chat-input', 'chat-send', 'chat-log', 'mute-audio', 'mute-video', 'share-screen', 'hangup',
    'call-ended', 'stats-from', 'stats-to', 'stats-scope', 'stats-csv', 'stats-csv-days', 'stats-pdf'];
  const missing = required.filter((id) => !all.includes(`data-testid="${id}"`) && !all.includes(`'data-testid': '${id}'`));
  assert.deepEqual(missing, []);
});
