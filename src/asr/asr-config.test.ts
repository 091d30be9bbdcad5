import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAsrConfig } from './asr-config.js';
import { createTranscriber } from './create-transcriber.js';

test('defaults to the embedded pocketsphinx recogniser with the fast preset', () => {
  assert.deepEqual(parseAsrConfig({}), { kind: 'pocketsphinx', preset: 'fast' });
  assert.deepEqual(parseAsrConfig({ POLYPHONY_ASR: '', POLYPHONY_ASR_PRESET: 'accurate' }), { kind: 'pocketsphinx', preset: 'accurate' });
});

test('pocketsphinx runs one decoder per core unless told otherwise', () => {
  const perCore = createTranscriber(parseAsrConfig({}));
  assert.ok(perCore.capabilities.maxConcurrency >= 1);
  assert.equal(createTranscriber(parseAsrConfig({ POLYPHONY_ASR_CONCURRENCY: '3' })).capabilities.maxConcurrency, 3);
});

test('reads every setting of an OpenAI-compatible server', () => {
  const config = parseAsrConfig({
    POLYPHONY_ASR: 'openai',
    POLYPHONY_ASR_URL: 'http://localhost:8000/v1',
    POLYPHONY_ASR_MODEL: 'Systran/faster-whisper-small',
    POLYPHONY_ASR_API_KEY: 'sk-1',
    POLYPHONY_ASR_LANGUAGE: 'EN',
    POLYPHONY_ASR_TIMEOUT_MS: '30000',
    POLYPHONY_ASR_CONCURRENCY: '8',
  });
  assert.deepEqual(config, {
    kind: 'openai',
    url: 'http://localhost:8000/v1',
    model: 'Systran/faster-whisper-small',
    apiKey: 'sk-1',
    language: 'en',
    timeoutMs: 30000,
    maxConcurrency: 8,
  });
  const transcriber = createTranscriber(config);
  assert.equal(transcriber.name, 'openai');
  assert.equal(transcriber.capabilities.maxConcurrency, 8);
});

test('an OpenAI-compatible server defaults to whisper-1, 4 requests at once, no key', () => {
  const config = parseAsrConfig({ POLYPHONY_ASR: 'openai', POLYPHONY_ASR_URL: 'https://api.openai.com/v1' });
  assert.deepEqual(config, { kind: 'openai', url: 'https://api.openai.com/v1', model: 'whisper-1', timeoutMs: 120_000, maxConcurrency: 4 });
});

test('errors name the variable at fault', () => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ POLYPHONY_ASR: 'whisper' }, /POLYPHONY_ASR: must be "pocketsphinx" or "openai"/],
    [{ POLYPHONY_ASR_PRESET: 'turbo' }, /POLYPHONY_ASR_PRESET: must be one of "accurate", "fast"/],
    [{ POLYPHONY_ASR: 'openai' }, /POLYPHONY_ASR_URL: required when POLYPHONY_ASR=openai/],
    [{ POLYPHONY_ASR: 'openai', POLYPHONY_ASR_URL: 'localhost:8000' }, /POLYPHONY_ASR_URL: must be an http\(s\) URL/],
    [{ POLYPHONY_ASR: 'openai', POLYPHONY_ASR_URL: 'http://x/v1', POLYPHONY_ASR_TIMEOUT_MS: 'soon' }, /POLYPHONY_ASR_TIMEOUT_MS: must be a number/],
    [{ POLYPHONY_ASR: 'openai', POLYPHONY_ASR_URL: 'http://x/v1', POLYPHONY_ASR_LANGUAGE: 'English' }, /POLYPHONY_ASR_LANGUAGE: must be an ISO-639-1 code/],
    [{ POLYPHONY_ASR_CONCURRENCY: '0' }, /POLYPHONY_ASR_CONCURRENCY: must be positive/],
  ];
  for (const [env, message] of cases) assert.throws(() => parseAsrConfig(env), message);
});
