import { writeSync } from 'node:fs';
import type { LogFields, Logger } from '../runtime/logger.js';

const levels = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof levels;

/**
 * A logger for CLI processes: JSON lines when the stream is not a terminal,
 * readable lines when it is. Writes synchronously, so nothing buffered is lost
 * when the process dies. Level from POLYPHONY_LOG_LEVEL (default warn).
 */
export function createCliLogger(stream: NodeJS.WriteStream & { fd?: number }, base: LogFields = {}): Logger {
  const env = process.env['POLYPHONY_LOG_LEVEL'] as Level | undefined;
  const threshold = levels[env && env in levels ? env : 'warn'];
  const fd = stream.fd ?? 2;
  const json = stream.isTTY !== true;
  const emit = (level: Level, message: string, fields?: LogFields) => {
    if (levels[level] < threshold) return;
    const all = { ...base, ...fields };
    const line = json
      ? JSON.stringify({ time: new Date().toISOString(), level, message, ...all })
      : `${level.padEnd(5)} ${message}${Object.entries(all)
          .map(([k, v]) => ` ${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
          .join('')}`;
    writeSync(fd, `${line}\n`);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createCliLogger(stream, { ...base, ...fields }),
  };
}
