import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RecognizedWordSchema } from '../../domain/word.js';
import { silentLogger, type Logger } from '../../runtime/logger.js';
import { TaskFailure } from '../../runtime/task-failure.js';
import { writeSilenceClip, writeSpeechClip } from '../testing/flite-speech-clip.js';
import { normalizeWords, wordErrorRate } from '../testing/word-error-rate.js';
import { readWavClipFormat } from '../wav-clip-format.js';
import { debianEnUsModel } from './pocketsphinx-model.js';
import { PocketsphinxTranscriber } from './pocketsphinx-transcriber.js';

// Real decoder, real model, real synthetic speech (flite); nothing mocked.
const TEXT = 'The quick brown fox jumps over the lazy dog. We will meet again on Monday to talk about the plan.';
const LEADING_SILENCE = 1.5;
const signal = (): AbortSignal => AbortSignal.timeout(60_000);

let dir = '';
let speechClip = '';
let speechDuration = 0;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polyphony-pocketsphinx-test-'));
  speechClip = join(dir, 'speech.wav');
  await writeSpeechClip(speechClip, { text: TEXT, voice: 'slt', leadingSilenceSeconds: LEADING_SILENCE, trailingSilenceSeconds: 0.5 });
  speechDuration = (await readWavClipFormat(speechClip)).durationSeconds;
});
after(() => rm(dir, { recursive: true, force: true }));

test('recognises most words of clear speech, with times inside the clip', async () => {
  const words = await new PocketsphinxTranscriber().transcribe(speechClip, { signal: signal() });
  const wer = wordErrorRate(normalizeWords(TEXT), normalizeWords(words.map((w) => w.text).join(' ')));
  // Measured 0.00 with the fast preset and 0.05 with accurate ("jumped"); the bound leaves room for 4 misses.
  assert.ok(wer <= 0.2, `WER ${wer.toFixed(2)}: ${words.map((w) => w.text).join(' ')}`);
  const first = words[0];
  assert.ok(first !== undefined);
  assert.ok(Math.abs(first.start - LEADING_SILENCE) <= 0.3, `first word starts at ${first.start}`);
  for (const [i, word] of words.entries()) {
    assert.ok(word.start <= word.end && word.end <= speechDuration, `${word.text} ${word.start}-${word.end}`);
    assert.ok(i === 0 || (words[i - 1]?.end ?? 0) <= word.start, `word ${i} overlaps its predecessor`);
  }
  // Only dictionary words: no <s>, <sil>, [NOISE], ++FILLER++ or (2) suffixes.
  assert.ok(words.every((w) => /^[a-z']+$/.test(w.text)), words.map((w) => w.text).join(' '));
  for (const word of words) RecognizedWordSchema.parse(word);
});

test('times stay relative to the clip start across a long pause (a new decoder utterance)', async () => {
  const second = join(dir, 'second.wav');
  const both = join(dir, 'two-utterances.wav');
  await writeSpeechClip(second, { text: 'Good morning everyone.', voice: 'rms', leadingSilenceSeconds: 2 });
  await promisify(execFile)('ffmpeg', [
    '-loglevel', 'error', '-y', '-i', speechClip, '-i', second,
    '-filter_complex', '[0:a][1:a]concat=n=2:v=0:a=1', '-c:a', 'pcm_s16le', '-bitexact', '-map_metadata', '-1', both,
  ]);
  const words = await new PocketsphinxTranscriber().transcribe(both, { signal: signal() });
  const good = words.find((w) => w.text === 'good');
  assert.ok(good !== undefined, words.map((w) => w.text).join(' '));
  assert.ok(Math.abs(good.start - (speechDuration + 2)) <= 0.3, `"good" starts at ${good.start}, speech at ${speechDuration + 2}`);
});

test('a clip of pure silence yields no words', async () => {
  const silence = join(dir, 'silence.wav');
  await writeSilenceClip(silence, 3);
  assert.deepEqual(await new PocketsphinxTranscriber().transcribe(silence, { signal: signal() }), []);
});

test('a clip with extra header chunks (ffmpeg LIST metadata) is heard from its first sample', async () => {
  const tagged = join(dir, 'tagged.wav');
  await promisify(execFile)('ffmpeg', ['-loglevel', 'error', '-y', '-i', speechClip, '-c', 'copy', '-metadata', 'title=standup', tagged]);
  assert.ok((await readWavClipFormat(tagged)).dataOffset > 44, 'fixture should have a non-plain header');
  const words = await new PocketsphinxTranscriber().transcribe(tagged, { signal: signal() });
  const wer = wordErrorRate(normalizeWords(TEXT), normalizeWords(words.map((w) => w.text).join(' ')));
  assert.ok(wer <= 0.2, `WER ${wer.toFixed(2)}`);
  assert.ok(Math.abs((words[0]?.start ?? -1) - LEADING_SILENCE) <= 0.3);
});

test('aborting kills the decoder process', async () => {
  const controller = new AbortController();
  let pid: number | undefined;
  const logger: Logger = {
    ...silentLogger,
    debug: (_message, fields) => {
      pid = fields?.['pid'] as number;
      controller.abort(new Error('stop'));
    },
  };
  await assert.rejects(new PocketsphinxTranscriber({ logger }).transcribe(speechClip, { signal: controller.signal }), /stop/);
  assert.ok(pid !== undefined);
  assert.throws(() => process.kill(pid as number, 0), { code: 'ESRCH' });
});

test('a missing binary is a terminal failure naming the clip and the packages to install', async () => {
  const transcriber = new PocketsphinxTranscriber({ binary: 'pocketsphinx_continuous_not_installed' });
  await assert.rejects(transcriber.transcribe(speechClip, { signal: signal() }), (error: unknown) => {
    assert.ok(error instanceof TaskFailure && error.terminal);
    assert.match(error.message, /speech\.wav/);
    assert.match(error.message, /pocketsphinx pocketsphinx-en-us/);
    return true;
  });
});

test('a missing model is a terminal failure naming the missing file', async () => {
  const transcriber = new PocketsphinxTranscriber({ model: debianEnUsModel(join(dir, 'no-model')) });
  await assert.rejects(transcriber.transcribe(speechClip, { signal: signal() }), (error: unknown) => {
    assert.ok(error instanceof TaskFailure && error.terminal);
    assert.match(error.message, /no-model.*pocketsphinx-en-us/);
    return true;
  });
});

test('a clip in the wrong format is a terminal failure saying what is wrong', async () => {
  const narrowband = join(dir, 'narrowband.wav');
  await promisify(execFile)('ffmpeg', ['-loglevel', 'error', '-y', '-i', speechClip, '-ar', '8000', '-ac', '2', narrowband]);
  await assert.rejects(new PocketsphinxTranscriber().transcribe(narrowband, { signal: signal() }), (error: unknown) => {
    assert.ok(error instanceof TaskFailure && error.terminal);
    assert.match(error.message, /narrowband\.wav: sample rate 8000 Hz, expected 16000; 2 channels, expected mono/);
    return true;
  });
});

test('a missing clip is a terminal failure naming it', async () => {
  await assert.rejects(
    new PocketsphinxTranscriber().transcribe(join(dir, 'gone.wav'), { signal: signal() }),
    (error: unknown) => error instanceof TaskFailure && error.terminal && /gone\.wav/.test(error.message),
  );
});

test("a decoder that exits non-zero is reported with the clip and the decoder's own error", async () => {
  const transcriber = new PocketsphinxTranscriber({ decoderArgs: ['-no_such_flag', 'yes'] });
  await assert.rejects(transcriber.transcribe(speechClip, { signal: signal() }), (error: unknown) => {
    assert.ok(error instanceof TaskFailure);
    assert.match(error.message, /speech\.wav \(exit 1\): ERROR: .*Unknown argument name '-no_such_flag'/);
    return true;
  });
});
