import type { RecognizedWord } from '../domain/word.js';
import type { Transcriber } from './transcriber.js';

/**
 * Shares one recogniser among every task of a process: at most
 * `capabilities.maxConcurrency` clips are recognised at once, whichever tracks
 * they come from, so work from several tracks is spread over every core
 * instead of one track per core (three tracks on two cores would otherwise
 * leave one core idle while the last track finishes). Waiters are served in
 * arrival order; an aborted waiter leaves the queue.
 */
export function limitTranscriber(inner: Transcriber): Transcriber {
  const limit = Math.max(1, inner.capabilities.maxConcurrency);
  let running = 0;
  const waiting: (() => void)[] = [];

  const acquire = (signal: AbortSignal): Promise<void> => {
    if (running < limit) {
      running++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal.removeEventListener('abort', onAbort);
        running++;
        resolve();
      };
      const onAbort = () => {
        waiting.splice(waiting.indexOf(grant), 1);
        reject(signal.reason);
      };
      signal.throwIfAborted();
      signal.addEventListener('abort', onAbort, { once: true });
      waiting.push(grant);
    });
  };
  const release = () => {
    running--;
    waiting.shift()?.();
  };

  return {
    name: inner.name,
    capabilities: inner.capabilities,
    async transcribe(wavPath: string, options: { signal: AbortSignal }): Promise<RecognizedWord[]> {
      await acquire(options.signal);
      try {
        return await inner.transcribe(wavPath, options);
      } finally {
        release();
      }
    },
  };
}
