import type { Paint } from '../inspect-format.js';
import type { DoctorCheck } from './doctor-check.js';

/** One line per check (`[ok]`, `[FAIL]`, `[skip]`), the fix under each failure, and a verdict. */
export function formatDoctorReport(checks: readonly DoctorCheck[], p: Paint): string {
  const width = Math.max(...checks.map((c) => c.name.length));
  const lines = checks.flatMap((c) => {
    const mark = c.skipped ? p.dim('[skip]') : c.ok ? p.green('[ok]  ') : p.red('[FAIL]');
    const line = `${mark} ${c.name.padEnd(width)}  ${c.detail}`;
    return c.ok || c.hint === undefined ? [line] : [line, `       ${' '.repeat(width)}  fix: ${c.hint}`];
  });
  const failures = checks.filter((c) => !c.ok).length;
  lines.push('', failures === 0 ? 'everything a run needs is in place' : p.red(`${failures} check${failures === 1 ? '' : 's'} failed`));
  return `${lines.join('\n')}\n`;
}
