import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TRACK_FORMATS, makeRecording, type RecordingTruth } from '../../test/fixtures/make-recording.js';
import { tempDir } from '../../test/fixtures/synth-audio.js';
import { probeAudio } from './audio-probe.js';
import { concatSpeechRegions } from './speech-concat.js';
import { detectSpeechRegions } from './speech-regions.js';
import { alignTrack } from './track-align.js';

const signal = AbortSignal.timeout(120_000);

// Tracks in three formats, one offset only in the container: the audio layer
// must put every utterance at its meeting time whatever the file.
describe('audio layer on a synthesised multitrack recording', () => {
  let dir = '';
  let cleanup = async (): Promise<void> => {};
  let truth: RecordingTruth;
  before(async () => {
    ({ dir, cleanup } = await tempDir());
    truth = await makeRecording(join(dir, 'rec'), {
      layout: 'manifest',
      participants: [
        { id: 'p1', name: 'Alice', voice: 'slt', trackStartSec: 0, format: TRACK_FORMATS.flac44kStereo,
          utterances: [{ atSec: 1, text: 'Shall we start with the budget?' }, { atSec: 9, text: 'Good, that is settled.' }] },
        { id: 'p2', name: 'Bob', voice: 'rms', trackStartSec: 2.5, format: TRACK_FORMATS.wav8kMono,
          utterances: [{ atSec: 4.2, text: 'Yes, I will send the draft by Friday.' }] },
        { id: 'p3', name: 'Carol', voice: 'awb', trackStartSec: 5, format: TRACK_FORMATS.opusWebm, offsetIn: 'container',
          utterances: [{ atSec: 6.5, text: 'Agreed.' }] },
      ],
    });
  });
  after(() => cleanup());

  it('writes the manifest, leaving out offsetMs where the container carries it', async () => {
    const manifest = JSON.parse(await readFile(join(dir, 'rec', 'recording.json'), 'utf8')) as { tracks: Record<string, unknown>[] };
    assert.deepEqual(manifest.tracks.map((t) => [t['path'], t['offsetMs']]), [['alice.flac', 0], ['bob.wav', 2500], ['carol.webm', undefined]]);
  });

  it('places every utterance in a speech region at its meeting time, and finds nothing else', async () => {
    for (const track of truth.tracks) {
      const probe = await probeAudio(track.path, signal);
      const offsetMs = basename(track.path) === 'carol.webm' ? Math.max(0, Math.round(probe.startTimeSec * 1000)) : track.offsetMs;
      assert.ok(Math.abs(offsetMs - track.offsetMs) <= 20, `${track.name}: offset ${offsetMs} ms`);
      const aligned = await alignTrack({ inputPath: track.path, offsetMs, outputPath: join(dir, `${track.participantId}.wav`), signal });
      const regions = await detectSpeechRegions(aligned.outputPath, {}, signal);
      const said = truth.utterances.filter((u) => u.participantId === track.participantId);
      assert.equal(regions.length, said.length, `${track.name}: ${JSON.stringify(regions)}`);
      for (const [i, u] of said.entries()) {
        const region = regions[i]!;
        assert.ok(Math.abs(region.start - (u.start - 0.25)) <= 0.3, `${track.name} "${u.text}": region ${region.start}, speech ${u.start}`);
        assert.ok(region.end >= u.end - 0.05, `${track.name} "${u.text}": region ends ${region.end}, speech ${u.end}`);
        const [piece] = await concatSpeechRegions({ wavPath: aligned.outputPath, regions: [region], gapSec: 0.5, outputPath: join(dir, `${track.participantId}-${i}.wav`), signal });
        assert.equal(piece?.trackStart, region.start);
      }
    }
  });
});
