import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TranscriptSchema, type Transcript } from '../../src/domain/transcript.js';
import { openStore, parseStoreConfig } from '../../src/store/index.js';
import { exampleTruth } from './example-truth.js';
import { repoRoot, runCli } from './run-cli.js';

// End to end on the real thing: the CLI, the embedded engine, ffmpeg, pocketsphinx,
// SQLite, the extractive summarizer, on the bundled three-voice example.
describe('polyphony process on the bundled example', () => {
  let work: string;
  let transcript: Transcript;
  let outDir: string;
  const env = () => ({ POLYPHONY_HOME: join(work, 'home') });

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'polyphony-e2e-'));
    outDir = join(work, 'out');
    const { done } = runCli(['process', join(repoRoot, 'examples', 'meeting'), '--out', outDir, '--json'], env());
    const result = await done;
    assert.equal(result.code, 0, result.stderr);
    const summary = JSON.parse(result.stdout) as { status: string; files: string[] };
    assert.equal(summary.status, 'COMPLETED');
    transcript = TranscriptSchema.parse(JSON.parse(readFileSync(join(outDir, 'transcript.json'), 'utf8')));
  });
  after(async () => {
    await rm(work, { recursive: true, force: true });
  });

  test('writes every output file and nothing else', async () => {
    assert.deepEqual((await readdir(outDir)).sort(), [
      'audio.mp3', 'transcript.json', 'transcript.md', 'transcript.srt', 'transcript.txt', 'transcript.vtt', 'waveform.json',
    ]);
    const waveform = JSON.parse(readFileSync(join(outDir, 'waveform.json'), 'utf8')) as number[];
    assert.equal(waveform.length, 255);
    assert.equal(Math.max(...waveform), 1);
    assert.ok(readFileSync(join(outDir, 'transcript.vtt'), 'utf8').includes('<v Bob>'));
  });

  test('every word is attributed to the participant who said it, on the meeting timeline', () => {
    const truth = exampleTruth();
    assert.equal(transcript.status, 'ended');
    assert.deepEqual(transcript.participants.map((p) => p.name), ['Alice', 'Bob', 'Angus']);
    assert.ok(transcript.words.length > 100, `only ${transcript.words.length} words`);
    for (const word of transcript.words) {
      const name = transcript.participants.find((p) => p.speaker === word.speaker)!.name;
      const said = truth.utterances.filter((u) => u.name === name && word.start >= u.start - 0.5 && word.end <= u.end + 0.5);
      assert.ok(said.length > 0, `"${word.text}" at ${word.start}s by ${name} is not inside any of ${name}'s utterances`);
    }
    assert.ok(Math.abs(transcript.durationMs / 1000 - truth.durationSec) < 1.5, `duration ${transcript.durationMs} ms`);
  });

  test('each utterance starts within 0.3 s of where it was placed', () => {
    const truth = exampleTruth();
    for (const u of truth.utterances) {
      const speaker = transcript.participants.find((p) => p.name === u.name)!.speaker;
      const first = transcript.words.find((w) => w.speaker === speaker && w.start >= u.start - 0.5 && w.start <= u.end);
      assert.ok(first, `no word recognised for "${u.text}"`);
      assert.ok(Math.abs(first.start - u.start) <= 0.3, `"${u.text}" placed at ${u.start}s, first word at ${first.start}s`);
    }
  });

  test('has a title, summaries, topics and action items', () => {
    assert.ok(transcript.title.length > 3);
    assert.ok(transcript.shortSummary.length > 20);
    assert.ok(transcript.longSummary.includes('#'));
    assert.ok(transcript.topics.length >= 1);
    for (const t of transcript.topics) assert.ok(t.duration > 0 && t.timestamp >= 0);
    assert.ok(transcript.actionItems.decisions.length + transcript.actionItems.nextSteps.length > 0);
  });

  test('the Daily raw-tracks layout of the same meeting gives the same words', async () => {
    const dailyOut = join(work, 'daily-out');
    const result = await runCli(['process', join(repoRoot, 'examples', 'meeting-daily'), '--out', dailyOut], env()).done;
    assert.equal(result.code, 0, result.stderr);
    const daily = TranscriptSchema.parse(JSON.parse(readFileSync(join(dailyOut, 'transcript.json'), 'utf8')));
    const named = (t: Transcript) =>
      t.words.map((w) => `${t.participants.find((p) => p.speaker === w.speaker)!.name} ${w.start.toFixed(2)} ${w.text}`);
    assert.deepEqual(named(daily), named(transcript));
  });

  test('bad input fails with a message naming the file, writes no output, and the run retries once fixed', async () => {
    const badOut = join(work, 'bad-out');
    const recording = join(work, 'missing-track');
    await cp(join(repoRoot, 'test', 'pipeline', 'fixtures', 'missing-track'), recording, { recursive: true });
    const result = await runCli(['process', recording, '--out', badOut, '--json'], env()).done;
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /get_recording failed: recording\.json: tracks\[1\]\.path: file not found: bob\.wav/);
    assert.equal(existsSync(badOut), false);
    // The failure workflow recorded the error where results are read.
    const { transcriptId } = JSON.parse(result.stdout) as { transcriptId: string };
    const store = await openStore(parseStoreConfig(env()));
    try {
      const record = await store.getTranscript(transcriptId);
      assert.equal(record?.status, 'error');
      assert.match(record?.error ?? '', /file not found: bob\.wav/);
    } finally {
      await store.close();
    }

    // Fix the input and retry the same run: it continues from the failed task.
    await cp(join(repoRoot, 'examples', 'meeting', 'alice.webm'), join(recording, 'alice.wav'));
    await cp(join(repoRoot, 'examples', 'meeting', 'bob.webm'), join(recording, 'bob.wav'));
    const { workflowId } = JSON.parse(result.stdout) as { workflowId: string };
    const retried = await runCli(['workflow', 'retry', workflowId], env()).done;
    assert.equal(retried.code, 0, retried.stderr);
    const wf = JSON.parse(retried.stdout) as { status: string; tasks: { referenceTaskName: string; status: string; retried?: boolean }[] };
    assert.equal(wf.status, 'COMPLETED');
    const attempts = wf.tasks.filter((t) => t.referenceTaskName === 'get_recording');
    assert.deepEqual(attempts.map((t) => [t.status, t.retried ?? false]), [['FAILED_WITH_TERMINAL_ERROR', true], ['COMPLETED', false]]);
  });
});
