import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TranscriptSchema, type Transcript } from '../../src/domain/transcript.js';
import { compareTranscripts, formatShadowReport, ShadowReportSchema, stableJson, type ShadowReport } from '../../src/shadow/index.js';
import { openStore, parseStoreConfig } from '../../src/store/index.js';
import { repoRoot, runCli } from '../pipeline/run-cli.js';

// Two recognisers on the real pipeline: the embedded engine, ffmpeg and
// pocketsphinx with its fast and accurate presets, on the bundled example.
describe('polyphony shadow --asr on the bundled example', () => {
  let work: string;
  let out: string;
  let report: ShadowReport;
  const env = () => ({ POLYPHONY_HOME: join(work, 'home'), CONDUCTOR_SERVER_URL: '' });
  const read = (dir: string): Transcript => TranscriptSchema.parse(JSON.parse(readFileSync(join(dir, 'transcript.json'), 'utf8')));

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'polyphony-shadow-'));
    out = join(work, 'out');
    const args = ['shadow', join(repoRoot, 'examples', 'meeting'), '--asr', 'pocketsphinx:fast,pocketsphinx:accurate', '--out', out, '--json'];
    const result = await runCli(args, env()).done;
    assert.equal(result.code, 0, result.stderr);
    report = ShadowReportSchema.parse(JSON.parse(result.stdout));
  });
  after(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('both sides complete with the recogniser each was given, outputs kept apart', async () => {
    const [a, b] = report.sides;
    assert.deepEqual([a.status, a.asr, a.engine, a.llm], ['COMPLETED', 'pocketsphinx:fast', 'embedded', 'extractive']);
    assert.deepEqual([b.status, b.asr, b.engine, b.llm], ['COMPLETED', 'pocketsphinx:accurate', 'embedded', 'extractive']);
    assert.notEqual(a.transcriptId, b.transcriptId);
    assert.deepEqual((await readdir(out)).sort(), ['a', 'b', 'shadow-report.json']);
    assert.equal(read(join(out, 'a')).id, a.transcriptId);
    assert.equal(read(join(out, 'b')).id, b.transcriptId);
    // Two transcript rows, two blob folders: nothing shared.
    const store = await openStore(parseStoreConfig(env()));
    try {
      assert.equal((await store.getTranscript(a.transcriptId))?.status, 'ended');
      assert.equal((await store.getTranscript(b.transcriptId))?.status, 'ended');
    } finally {
      await store.close();
    }
    assert.deepEqual((await readdir(join(work, 'home', 'blobs', 'transcripts'))).sort(), [a.transcriptId, b.transcriptId].sort());
  });

  test('the report measures what the recognisers changed, and nothing the recogniser cannot change', () => {
    const c = report.comparison;
    assert.ok(c);
    assert.ok(c.words.a > 100 && c.words.b > 100, `${c.words.a} and ${c.words.b} words`);
    assert.ok(c.words.wer >= 0 && c.words.wer < 0.5, `WER ${c.words.wer}`);
    assert.equal(c.differences.total, c.words.substitutions + c.words.insertions + c.words.deletions);
    assert.equal(c.words.matched + c.words.substitutions + c.words.deletions, c.words.a);
    assert.equal(c.words.matched + c.words.substitutions + c.words.insertions, c.words.b);
    // Speaker = track: a recogniser cannot move a word to another participant, or the meeting's length.
    assert.equal(c.speakers.agreement, 1);
    assert.equal(c.speakers.participantsEqual, true);
    assert.equal(c.duration.differenceMs, 0);
    assert.ok(c.topics.a.count >= 1 && c.topics.b.count >= 1);
    assert.ok(c.timing.maxStartDeltaMs !== null && c.timing.maxStartDeltaMs < 1000);
    assert.deepEqual(c.fields.map((f) => f.mode), Array(c.fields.length).fill('exact'));
    if (c.words.wer > 0) assert.ok(c.differences.shown.length > 0 && !c.identical);
  });

  test('the report is a pure function of the two outputs: recomputed from them, byte for byte', () => {
    const again = () => compareTranscripts(read(join(out, 'a')), read(join(out, 'b')), { looseText: false, maxDifferences: 20 });
    assert.equal(stableJson(again()), stableJson(report.comparison));
    assert.equal(stableJson(again()), stableJson(again()));
    const saved = ShadowReportSchema.parse(JSON.parse(readFileSync(join(out, 'shadow-report.json'), 'utf8')));
    assert.equal(stableJson(saved), stableJson(report));
  });

  test('shadow --compare gives the same comparison from the two transcript files, without running anything', async () => {
    const args = ['shadow', '--compare', join(out, 'a', 'transcript.json'), join(out, 'b', 'transcript.json'), '--json'];
    const result = await runCli(args, env()).done;
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `${stableJson(report.comparison, 0)}\n`);
    const notTranscript = await runCli(['shadow', '--compare', join(out, 'a', 'transcript.json'), join(out, 'shadow-report.json')], env()).done;
    assert.equal(notTranscript.code, 1);
    assert.match(notTranscript.stderr, /shadow-report\.json is not a transcript\.json: id: /);
  });

  test('the human report shows the table and the first differences', () => {
    const text = formatShadowReport(report);
    assert.match(text, /^WER \(b against a\) +\d\.\d{4} +\(\d+ substituted, \d+ inserted, \d+ deleted; \d+ matched\)$/m);
    assert.match(text, /^speaker agreement +1\.0000/m);
    assert.match(text, /^b +embedded · pocketsphinx:accurate · extractive +COMPLETED/m);
    if (report.comparison?.differences.total) assert.match(text, /^first word differences \(\d+ of \d+\):$/m);
  });
});

describe('polyphony shadow, expected failures', () => {
  let work: string;
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'polyphony-shadow-fail-'));
  });
  after(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('a side that fails makes the command fail, naming the side and the reason', async () => {
    const bad = join(repoRoot, 'test', 'pipeline', 'fixtures', 'missing-track');
    const out = join(work, 'out');
    const args = ['shadow', bad, '--asr', 'pocketsphinx:fast,pocketsphinx:accurate', '--out', out];
    const result = await runCli(args, { POLYPHONY_HOME: join(work, 'home') }).done;
    assert.equal(result.code, 1);
    assert.match(result.stderr, /side a \(embedded · pocketsphinx:fast · extractive\) failed: get_recording failed: .*file not found: bob\.wav/);
    assert.match(result.stderr, /side b \(embedded · pocketsphinx:accurate · extractive\) failed: get_recording failed/);
    assert.match(result.stdout, /^no comparison: a side did not complete$/m);
    // The report is still written, with no comparison and no side folders.
    assert.deepEqual(await readdir(out), ['shadow-report.json']);
    const report = ShadowReportSchema.parse(JSON.parse(readFileSync(join(out, 'shadow-report.json'), 'utf8')));
    assert.equal(report.comparison, null);
    assert.deepEqual(report.sides.map((s) => s.status), ['FAILED', 'FAILED']);
  });

  test('nothing to compare without flags or a Conductor server; bad flag values are named', async () => {
    const example = join(repoRoot, 'examples', 'meeting');
    const env = { POLYPHONY_HOME: join(work, 'home'), CONDUCTOR_SERVER_URL: '' };
    const none = await runCli(['shadow', example], env).done;
    assert.equal(none.code, 2);
    assert.match(none.stderr, /nothing to compare: give --engines, --asr or --llm/);
    const bad = await runCli(['shadow', example, '--asr', 'pocketsphinx:slow,pocketsphinx:fast'], env).done;
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--asr pocketsphinx:slow: .*POLYPHONY_ASR_PRESET: must be one of "accurate", "fast"/);
    const conductor = await runCli(['shadow', example, '--engines', 'embedded,conductor'], env).done;
    assert.equal(conductor.code, 2);
    assert.match(conductor.stderr, /needs CONDUCTOR_SERVER_URL/);
  });
});
