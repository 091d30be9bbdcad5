import { basename } from 'node:path';
import { TaskFailure, terminalFailure } from '../runtime/task-failure.js';
import { ToolError, lastLines } from './tool-process.js';

/** ffmpeg/ffprobe messages that mean the input itself is bad, so no retry can help. */
const BAD_INPUT: readonly { pattern: RegExp; problem: string }[] = [
  { pattern: /No such file or directory/i, problem: 'file not found' },
  { pattern: /Permission denied/i, problem: 'file not readable (permission denied)' },
  { pattern: /Invalid data found when processing input/i, problem: 'not a readable audio file (invalid data)' },
  { pattern: /does not contain any stream|matches no streams|Output file #0 does not contain/i, problem: 'no audio stream' },
  { pattern: /could not find codec parameters|Unknown input format|Decoder \(codec .*\) not found/i, problem: 'not a readable audio file' },
  { pattern: /Is a directory/i, problem: 'is a directory, not an audio file' },
];

/**
 * Turns a failed ffmpeg/ffprobe run over `inputPath` into an error that names
 * the file: terminal when the input is bad, retryable otherwise (disk full, killed).
 */
export function toolFailure(inputPath: string, error: unknown): Error {
  if (!(error instanceof ToolError)) return error instanceof Error ? error : new Error(String(error));
  const name = basename(inputPath);
  const known = BAD_INPUT.find((b) => b.pattern.test(error.stderr));
  if (known !== undefined) return terminalFailure(`${name}: ${known.problem}`, error);
  return new TaskFailure(`${name}: ${error.command} failed: ${lastLines(error.stderr)}`, {
    terminal: false,
    cause: error,
  });
}
