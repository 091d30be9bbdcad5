import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { tempDir } from '../../test/fixtures/synth-audio.js';
import { probeAudio } from './audio-probe.js';
import { detectSpeechRegions } from './speech-regions.js';
import { alignTrack } from './track-align.js';

const signal = AbortSignal.timeout(120_000);
const exampleDir = join(import.meta.dirname, '..', '..', 'examples', 'meeting');

const ScriptSchema = z.object({
  durationSec: z.number(),
  utterances: z.array(z.object({ participantId: z.string(), name: z.string(), start: z.number(), end: z.number(), text: z.string() })),
});
const ManifestSchema = z.object({
  tracks: z.array(z.object({ path: z.string(), participant: z.object({ id: z.string(), name: z.string() }), offsetMs: z.number() })),
});

// The bundled example is what users try first: its audio must match its script.
describe('examples/meeting', () => {
  let dir = '';
  let cleanup = async (): Promise<void> => {};
  before(async () => ({ dir, cleanup } = await tempDir()));
  after(() => cleanup());

  it('has speech exactly where script.json says, on every track', async () => {
    const script = ScriptSchema.parse(JSON.parse(await readFile(join(exampleDir, 'script.json'), 'utf8')));
    const manifest = ManifestSchema.parse(JSON.parse(await readFile(join(exampleDir, 'recording.json'), 'utf8')));
    assert.equal(manifest.tracks.length, 3);
    for (const track of manifest.tracks) {
      const path = join(exampleDir, track.path);
      assert.equal((await probeAudio(path, signal)).codec, 'opus');
      const aligned = await alignTrack({ inputPath: path, offsetMs: track.offsetMs, outputPath: join(dir, `${track.participant.id}.wav`), signal });
      const regions = await detectSpeechRegions(aligned.outputPath, {}, signal);
      const said = script.utterances.filter((u) => u.participantId === track.participant.id);
      // Every utterance lies inside a region that starts at most 0.3 s before its onset.
      for (const u of said) {
        const region = regions.find((r) => r.start <= u.start + 0.05 && r.end >= u.end - 0.05);
        assert.ok(region !== undefined, `${track.participant.name}: "${u.text}" (${u.start}–${u.end}) not in ${JSON.stringify(regions)}`);
        const owner = said.find((v) => v.start >= region.start - 0.01);
        assert.ok(owner !== undefined && owner.start - region.start <= 0.3, `region ${region.start} starts too early for ${owner?.start}`);
      }
      // And no region is without speech.
      for (const r of regions) assert.ok(said.some((u) => u.start < r.end && u.end > r.start), `${track.participant.name}: empty region ${r.start}–${r.end}`);
    }
  });
});
