import { spawn } from 'node:child_process';
import { TaskFailure, terminalFailure } from '../../runtime/task-failure.js';
import { POCKETSPHINX_INSTALL_HINT } from './pocketsphinx-model.js';

/** One decoder run: the command line, and the clip it hears (for messages). */
export interface PocketsphinxRun {
  readonly binary: string;
  readonly args: readonly string[];
  readonly clipPath: string;
  readonly signal: AbortSignal;
  readonly onStart?: (pid: number) => void;
}

// The decoder logs every setting and every utterance to stderr; keep only its
// ERROR/FATAL lines and a short tail, so a long clip cannot grow memory.
const MAX_ERROR_LINES = 20;
const TAIL_CHARS = 2000;

/**
 * Runs the decoder to completion and returns its stdout. Waits for the
 * process to be gone before settling, also on abort (then it rejects with
 * the signal's reason after killing it).
 */
export function runPocketsphinx(run: PocketsphinxRun): Promise<string> {
  run.signal.throwIfAborted();
  return new Promise((resolve, reject) => {
    const child = spawn(run.binary, run.args, { signal: run.signal, killSignal: 'SIGKILL', stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const errorLines: string[] = [];
    let tail = '';
    let partialLine = '';
    let spawnError: NodeJS.ErrnoException | undefined;
    const keepIfError = (line: string): void => {
      if (/^(ERROR|FATAL)/.test(line) && errorLines.length < MAX_ERROR_LINES) errorLines.push(line.trim());
    };
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      tail = (tail + chunk).slice(-TAIL_CHARS);
      // A line can straddle two chunks; hold the unfinished end until the next.
      const lines = (partialLine + chunk).split('\n');
      partialLine = (lines.pop() ?? '').slice(-TAIL_CHARS);
      lines.forEach(keepIfError);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      spawnError ??= error;
    });
    if (child.pid !== undefined) run.onStart?.(child.pid);
    child.on('close', (code, signal) => {
      keepIfError(partialLine);
      if (run.signal.aborted) return reject(run.signal.reason);
      if (spawnError?.code === 'ENOENT') {
        return reject(terminalFailure(`clip ${run.clipPath}: pocketsphinx binary not found: ${run.binary} (${POCKETSPHINX_INSTALL_HINT})`, spawnError));
      }
      if (spawnError !== undefined) {
        return reject(new TaskFailure(`pocketsphinx could not start on clip ${run.clipPath}: ${spawnError.message}`, { terminal: false, cause: spawnError }));
      }
      if (code === 0) return resolve(Buffer.concat(stdout).toString('utf8'));
      const why = errorLines.length > 0 ? errorLines.join('; ') : tail.trim().split('\n').slice(-5).join('; ');
      const status = code === null ? `killed by ${signal}` : `exit ${code}`;
      // Format and model were checked before the run, so a failure here is
      // most likely the machine (memory, a kill): worth a retry.
      reject(new TaskFailure(`pocketsphinx failed on clip ${run.clipPath} (${status}): ${why || 'no diagnostics'}`, { terminal: false }));
    });
  });
}
