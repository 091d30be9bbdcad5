import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ffmpeg, readWavSamples, tempDir, writeToneSequence } from '../../test/fixtures/synth-audio.js';
import { mixdown } from './audio-mixdown.js';
import { probeAudio } from './audio-probe.js';
import { alignTrack } from './track-align.js';

const signal = AbortSignal.timeout(30_000);

describe('mixdown', () => {
  let dir = '';
  let cleanup = async (): Promise<void> => {};
  before(async () => ({ dir, cleanup } = await tempDir()));
  after(() => cleanup());

  it('mixes aligned tracks into an MP3 as long as the longest, each voice at its own level', async () => {
    const a = join(dir, 'a.flac');
    const b = join(dir, 'b.ogg');
    await writeToneSequence(a, [{ sine: 440, sec: 2, volume: 0.5 }], { sampleRate: 44_100, channels: 2, codecArgs: ['-c:a', 'flac'] });
    await writeToneSequence(b, [{ sine: 660, sec: 1, volume: 0.5 }], { sampleRate: 8_000, codecArgs: ['-c:a', 'libopus'] });
    const alignedA = await alignTrack({ inputPath: a, offsetMs: 0, outputPath: join(dir, 'a.wav'), signal });
    const alignedB = await alignTrack({ inputPath: b, offsetMs: 3500, outputPath: join(dir, 'b.wav'), signal });
    const longest = Math.max(alignedA.durationSec, alignedB.durationSec);

    const mp3 = join(dir, 'audio.mp3');
    await mixdown({ inputs: [alignedA.outputPath, alignedB.outputPath], outputPath: mp3, signal });
    const probe = await probeAudio(mp3, signal);
    assert.equal(probe.codec, 'mp3');

    // Decoded (gapless, as players do) the mix is as long as the longest track. ffprobe's
    // header estimate counts whole MP3 frames, so it is up to ~0.07 s longer.
    const decoded = join(dir, 'mix.wav');
    await ffmpeg('-i', mp3, '-ar', '16000', '-ac', '1', '-bitexact', '-map_metadata', '-1', decoded);
    const mix = await readWavSamples(decoded);
    assert.ok(Math.abs(mix.length / 16_000 - longest) < 0.03, `mixdown ${mix.length / 16_000}s, longest track ${longest}s`);
    assert.ok(probe.durationSec >= longest && probe.durationSec - longest < 0.1);

    // Where only track b speaks (3.5–4.5 s), the mix carries it at its own level, not halved.
    const source = await readWavSamples(alignedB.outputPath);
    const peak = (s: Int16Array, from: number, to: number) => s.subarray(from * 16_000, to * 16_000).reduce((m, x) => Math.max(m, Math.abs(x)), 0);
    const ratio = peak(mix, 3.7, 4.3) / peak(source, 3.7, 4.3);
    assert.ok(ratio > 0.85 && ratio < 1.15, `level ratio ${ratio}`);
    assert.ok(peak(mix, 2.3, 3.3) < 100, 'silence between the tracks stays silent');
  });

  it('fails naming the track that is not audio', async () => {
    const bad = join(dir, 'bad.wav');
    await writeFile(bad, 'not audio at all\n'.repeat(50));
    await assert.rejects(
      mixdown({ inputs: [join(dir, 'a.wav'), bad], outputPath: join(dir, 'y.mp3'), signal }),
      /^TaskFailure: bad\.wav: not a readable audio file/,
    );
  });

  it('fails naming the track that does not exist', async () => {
    await assert.rejects(
      mixdown({ inputs: [join(dir, 'a.wav'), join(dir, 'missing.wav')], outputPath: join(dir, 'x.mp3'), signal }),
      /missing\.wav: file not found/,
    );
  });
});
