/**
 * An error that says whether retrying can help. Runtimes map `terminal` to
 * Conductor's FAILED_WITH_TERMINAL_ERROR (never retried) and anything else
 * thrown by a worker to FAILED (retried per the TaskDef).
 */
export class TaskFailure extends Error {
  override readonly name = 'TaskFailure';
  readonly terminal: boolean;

  constructor(message: string, options: { terminal: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.terminal = options.terminal;
  }
}

/** Bad input that no retry will fix (a corrupt track, a missing file). */
export function terminalFailure(message: string, cause?: unknown): TaskFailure {
  return new TaskFailure(message, { terminal: true, cause });
}

/** True when the error says retrying is pointless. */
export function isTerminal(error: unknown): boolean {
  return error instanceof TaskFailure && error.terminal;
}
