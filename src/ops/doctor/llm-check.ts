import { createSummarizer, type LlmConfig } from '../../llm/index.js';
import { guarded, passed, skipped, type DoctorCheck } from './doctor-check.js';

/** When an OpenAI-compatible LLM is configured, it answers one tiny title request. */
export async function checkLlm(config: LlmConfig, signal: AbortSignal): Promise<DoctorCheck> {
  if (config.kind !== 'openai') return skipped('llm', `${config.kind} summarizer: offline, nothing to reach`);
  const name = `llm (${config.model})`;
  return guarded(name, 'check POLYPHONY_LLM_URL, POLYPHONY_LLM_MODEL and POLYPHONY_LLM_API_KEY, and that the server is up', async () => {
    const started = Date.now();
    const title = await createSummarizer(config).title([{ title: 'Budget', summary: 'The team agreed the budget for next year.' }], { signal });
    return passed(name, `${config.url} answered in ${Date.now() - started} ms (title: ${JSON.stringify(title.slice(0, 40))})`);
  });
}
