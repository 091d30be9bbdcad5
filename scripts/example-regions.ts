// Measures the speech-region detector on the bundled example: for each
// utterance in script.json, how far the region edges are from the speech.
// Run: node --import tsx scripts/example-regions.ts [examples/meeting]
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { alignTrack, detectSpeechRegions } from '../src/audio/index.js';

const ScriptSchema = z.object({
  utterances: z.array(z.object({ participantId: z.string(), start: z.number(), end: z.number(), text: z.string() })),
});
const ManifestSchema = z.object({
  tracks: z.array(z.object({ path: z.string(), participant: z.object({ id: z.string(), name: z.string() }), offsetMs: z.number() })),
});

const exampleDir = process.argv[2] ?? join(import.meta.dirname, '..', 'examples', 'meeting');
const signal = AbortSignal.timeout(300_000);
const script = ScriptSchema.parse(JSON.parse(await readFile(join(exampleDir, 'script.json'), 'utf8')));
const manifest = ManifestSchema.parse(JSON.parse(await readFile(join(exampleDir, 'recording.json'), 'utf8')));
const scratch = await mkdtemp(join(tmpdir(), 'polyphony-regions-'));
try {
  const lead: number[] = [];
  const trail: number[] = [];
  let regionSec = 0;
  let trackSec = 0;
  for (const track of manifest.tracks) {
    const aligned = await alignTrack({ inputPath: join(exampleDir, track.path), offsetMs: track.offsetMs, outputPath: join(scratch, 't.wav'), signal });
    const regions = await detectSpeechRegions(aligned.outputPath, {}, signal);
    trackSec += aligned.durationSec - track.offsetMs / 1000;
    regionSec += regions.reduce((s, r) => s + r.end - r.start, 0);
    const said = script.utterances.filter((v) => v.participantId === track.participant.id);
    for (const u of said) {
      const r = regions.find((x) => x.start <= u.end && x.end >= u.start);
      if (r === undefined) {
        console.log(`${track.participant.name}: MISSED "${u.text}"`);
        continue;
      }
      // Utterances closer than the minimum silence share a region: measure only its outer edges.
      const inRegion = said.filter((v) => v.start <= r.end && v.end >= r.start);
      if (inRegion[0] === u) lead.push(u.start - r.start);
      if (inRegion.at(-1) === u) trail.push(r.end - u.end);
      console.log(`${track.participant.name.padEnd(6)} speech ${u.start.toFixed(2)}–${u.end.toFixed(2)}  region ${r.start.toFixed(2)}–${r.end.toFixed(2)}`);
    }
  }
  const stats = (xs: number[]) => `min ${Math.min(...xs).toFixed(3)} s, max ${Math.max(...xs).toFixed(3)} s`;
  console.log(`region start before speech onset: ${stats(lead)} (padding 0.25 s)`);
  console.log(`region end after speech end:     ${stats(trail)}`);
  console.log(`audio sent to the recogniser: ${regionSec.toFixed(1)} s of ${trackSec.toFixed(1)} s of tracks (${((100 * regionSec) / trackSec).toFixed(0)} %)`);
} finally {
  await rm(scratch, { recursive: true, force: true });
}
