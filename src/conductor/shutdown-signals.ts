import type { Logger } from '../runtime/logger.js';
import type { WorkerHost } from './worker-host.js';

/**
 * Drains the host on the first SIGINT/SIGTERM (running tasks get `graceMs`);
 * a second signal hands everything back at once. Returns a function that
 * removes the handlers.
 */
export function stopOnSignals(host: WorkerHost, graceMs: number, log: Logger): () => void {
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    signals++;
    if (signals === 1) {
      log.info(`${signal}: draining, ${graceMs} ms grace for running tasks (send again to stop now)`);
      void host.stop(graceMs);
    } else {
      log.warn(`${signal} again: handing running tasks back now`);
      void host.stop(0);
      process.exitCode = 130;
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
