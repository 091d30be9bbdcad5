import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../config/app-config.js';
import { describeSide, planShadowSides, ShadowPlanError } from './shadow-sides.js';

const env = { POLYPHONY_HOME: '/tmp/polyphony-shadow-sides' };
const withConductor = { ...env, CONDUCTOR_SERVER_URL: 'http://127.0.0.1:8080/api' };

describe('planShadowSides', () => {
  test('by default: the embedded engine against Conductor, same recogniser and summarizer', () => {
    const [a, b] = planShadowSides(loadConfig(withConductor), withConductor, {});
    assert.equal(describeSide(a), 'embedded · pocketsphinx:fast · extractive');
    assert.equal(describeSide(b), 'conductor · pocketsphinx:fast · extractive');
  });

  test('--asr changes only the recogniser, keeping the configured engine', () => {
    const base = loadConfig({ ...env, POLYPHONY_ASR_CONCURRENCY: '3' });
    const [a, b] = planShadowSides(base, { ...env, POLYPHONY_ASR_CONCURRENCY: '3' }, { asr: 'pocketsphinx:fast, pocketsphinx:accurate' });
    assert.deepEqual(a.asr, { kind: 'pocketsphinx', preset: 'fast', maxConcurrency: 3 });
    assert.deepEqual(b.asr, { kind: 'pocketsphinx', preset: 'accurate', maxConcurrency: 3 });
    assert.deepEqual([a.engine, b.engine], ['embedded', 'embedded']);
  });

  test('openai sides take their settings from the environment, and say what is missing', () => {
    const openAiEnv = { ...env, POLYPHONY_LLM_URL: 'http://localhost:11434/v1', POLYPHONY_LLM_MODEL: 'llama3' };
    const [a, b] = planShadowSides(loadConfig(openAiEnv), openAiEnv, { llm: 'extractive,openai:qwen2' });
    assert.equal(describeSide(a), 'embedded · pocketsphinx:fast · extractive');
    assert.equal(describeSide(b), 'embedded · pocketsphinx:fast · openai:qwen2');
    assert.throws(() => planShadowSides(loadConfig(env), env, { asr: 'pocketsphinx,openai' }), /--asr openai: .*POLYPHONY_ASR_URL/);
  });

  test('flags that do not make two runnable sides are rejected before anything runs', () => {
    const base = loadConfig(env);
    assert.throws(() => planShadowSides(base, env, {}), ShadowPlanError);
    assert.throws(() => planShadowSides(base, env, { engines: 'embedded,conductor' }), /needs CONDUCTOR_SERVER_URL/);
    assert.throws(() => planShadowSides(base, env, { engines: 'embedded' }), /two values separated by a comma/);
    assert.throws(() => planShadowSides(base, env, { engines: 'embedded,temporal' }), /'temporal' is not/);
    assert.throws(() => planShadowSides(base, env, { asr: 'whisper,pocketsphinx' }), /'whisper' is not pocketsphinx/);
  });
});
