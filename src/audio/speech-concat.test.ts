import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { toTrackTime } from '../domain/speech-timeline.js';
import { concatSpeechRegions } from './speech-concat.js';
import { PCM_RATE, plainWavHeader, WAV_HEADER_BYTES } from './wav-format.js';

test('concatenated regions hold the exact source samples, with silent gaps, and map back', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'polyphony-concat-'));
  try {
    // Every sample carries its own index (mod 30000), so any shift shows.
    const samples = new Int16Array(PCM_RATE * 10).map((_, i) => (i % 30000) + 1);
    const source = join(dir, 'track.wav');
    await writeFile(source, Buffer.concat([plainWavHeader(samples.byteLength), Buffer.from(samples.buffer)]));
    const out = join(dir, 'speech.wav');
    const pieces = await concatSpeechRegions({
      wavPath: source,
      regions: [{ start: 1, end: 1.5 }, { start: 7.25, end: 8 }],
      gapSec: 0.25,
      outputPath: out,
      signal: new AbortController().signal,
    });
    const bytes = await readFile(out);
    const pcm = new Int16Array(bytes.buffer, bytes.byteOffset + WAV_HEADER_BYTES, (bytes.length - WAV_HEADER_BYTES) / 2);
    assert.equal(pcm.length, PCM_RATE * (0.5 + 0.25 + 0.75));
    const at = (sec: number) => pcm[Math.round(sec * PCM_RATE)];
    assert.equal(at(0), samples[PCM_RATE * 1]);
    assert.equal(at(0.6), 0, 'the gap is silent');
    assert.equal(at(0.75), samples[Math.round(PCM_RATE * 7.25)]);
    assert.equal(at(1.2), samples[Math.round(PCM_RATE * 7.7)]);
    assert.equal(toTrackTime(pieces, 1.2), 7.7);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
