// Writes src/main/web/sounds/notify.wav: a soft two-tone chime (E5 then A5, 0.55 s, 16-bit mono PCM, 22.05 kHz)
// that tells the doctor someone entered the waiting room. Run: node web-client/tools/make-notify-sound.mjs
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const RATE = 22050;
const tones = [{ hz: 659.25, start: 0, length: 0.3 }, { hz: 880, start: 0.18, length: 0.37 }];
const samples = new Float64Array(Math.ceil(RATE * 0.55));
for (const { hz, start, length } of tones) {
  const from = Math.round(start * RATE);
  const count = Math.round(length * RATE);
  for (let i = 0; i < count && from + i < samples.length; i++) {
    const t = i / RATE;
    const attack = Math.min(1, t / 0.012); // no click at the start
    const decay = Math.exp(-t * 7);
    // Fundamental plus a quiet octave: a bell-like, not shrill, tone.
    samples[from + i] += 0.32 * attack * decay * (Math.sin(2 * Math.PI * hz * t) + 0.25 * Math.sin(4 * Math.PI * hz * t));
  }
}
const data = Buffer.alloc(samples.length * 2);
samples.forEach((s, i) => data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, s)) * 32767), i * 2));
const header = Buffer.alloc(44);
header.write('RIFF', 0);
header.writeUInt32LE(36 + data.length, 4);
header.write('WAVE', 8);
header.write('fmt ', 12);
header.writeUInt32LE(16, 16); // PCM chunk size
header.writeUInt16LE(1, 20); // PCM
header.writeUInt16LE(1, 22); // mono
header.writeUInt32LE(RATE, 24);
header.writeUInt32LE(RATE * 2, 28); // byte rate
header.writeUInt16LE(2, 32); // block align
header.writeUInt16LE(16, 34); // bits per sample
header.write('data', 36);
header.writeUInt32LE(data.length, 40);
const out = fileURLToPath(new URL('../src/main/web/sounds/notify.wav', import.meta.url));
writeFileSync(out, Buffer.concat([header, data]));
console.log(`wrote ${out} (${header.length + data.length} bytes)`);
