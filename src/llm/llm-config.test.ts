import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSummarizer, parseLlmConfig } from './llm-config.js';

const openai = { POLYPHONY_LLM: 'openai', POLYPHONY_LLM_URL: 'http://localhost:11434/v1', POLYPHONY_LLM_MODEL: 'llama3.1:8b' };

describe('parseLlmConfig', () => {
  it('defaults to the offline extractive summarizer', () => {
    assert.deepEqual(parseLlmConfig({}), { kind: 'extractive' });
    assert.equal(createSummarizer(parseLlmConfig({})).name, 'extractive');
  });

  it('reads an OpenAI-compatible endpoint with defaults for timeout and temperature', () => {
    const config = parseLlmConfig({ ...openai, POLYPHONY_LLM_API_KEY: 'sk-1', POLYPHONY_LLM_TEMPERATURE: '0' });
    assert.deepEqual(config, {
      kind: 'openai', url: 'http://localhost:11434/v1', model: 'llama3.1:8b', apiKey: 'sk-1',
      timeoutMs: 120_000, temperature: 0, contextTokens: 8192,
    });
    assert.equal(createSummarizer(config).name, 'openai');
  });

  it('names the variables openai needs', () => {
    assert.throws(() => parseLlmConfig({ POLYPHONY_LLM: 'openai' }), (e: Error) =>
      /POLYPHONY_LLM_URL: required when POLYPHONY_LLM=openai/.test(e.message) && /POLYPHONY_LLM_MODEL: required/.test(e.message));
  });

  it('names the variable with a bad value', () => {
    assert.throws(() => parseLlmConfig({ POLYPHONY_LLM: 'gpt' }), /POLYPHONY_LLM: must be "extractive" or "openai"/);
    assert.throws(() => parseLlmConfig({ ...openai, POLYPHONY_LLM_TIMEOUT_MS: 'soon' }), /POLYPHONY_LLM_TIMEOUT_MS: must be a number/);
    assert.throws(() => parseLlmConfig({ ...openai, POLYPHONY_LLM_TEMPERATURE: '3' }), /POLYPHONY_LLM_TEMPERATURE: must be between 0 and 2/);
    assert.throws(() => parseLlmConfig({ ...openai, POLYPHONY_LLM_URL: 'localhost:11434' }), /POLYPHONY_LLM_URL: must be an http\(s\) URL/);
  });
});
