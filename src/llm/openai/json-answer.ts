import type { z } from 'zod';
import { TaskFailure } from '../../runtime/task-failure.js';
import type { ChatClient } from './chat-client.js';
import type { ChatMessage } from './chat-message.js';

/**
 * Asks until the answer is JSON that `schema` accepts. Each re-ask shows the
 * model its answer and says exactly what was wrong; after `reasks` re-asks
 * the call fails (retryable: a model can do better on another run).
 */
export async function askForJson<T>(
  client: ChatClient,
  messages: readonly ChatMessage[],
  schema: z.ZodType<T>,
  options: { signal: AbortSignal; reasks: number; what: string },
): Promise<T> {
  const conversation = [...messages];
  let problem = '';
  for (let ask = 0; ask <= options.reasks; ask++) {
    const answer = await client.complete(conversation, { signal: options.signal });
    const json = parseJson(answer);
    if (json.ok) {
      const parsed = schema.safeParse(json.value);
      if (parsed.success) return parsed.data;
      problem = `the JSON does not match the required shape: ${parsed.error.issues
        .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`)
        .join('; ')}`;
    } else {
      problem = `it is not valid JSON (${json.error})`;
    }
    conversation.push(
      { role: 'assistant', content: answer },
      { role: 'user', content: `Your answer could not be used because ${problem}. Reply again with only the corrected JSON object, no other text.` },
    );
  }
  throw new TaskFailure(
    `chat model ${client.model} gave no usable ${options.what} after ${options.reasks + 1} answers; last problem: ${problem}`,
    { terminal: false },
  );
}

// Models often wrap JSON in a markdown fence even when told not to; that much is forgiven.
function parseJson(answer: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const fenced = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/i.exec(answer);
  const text = (fenced?.[1] ?? answer).trim();
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
