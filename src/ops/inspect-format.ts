import { formatDuration } from './anomaly.js';
import type { InspectReport } from './inspect-report.js';

/** How to paint: colours only for a terminal that has not asked for NO_COLOR. */
export interface Paint {
  readonly red: (s: string) => string;
  readonly green: (s: string) => string;
  readonly dim: (s: string) => string;
}

/** ANSI colours when `enabled`, plain text otherwise. */
export function paint(enabled: boolean): Paint {
  const wrap = (code: number) => (s: string) => (enabled ? `\u001b[${code}m${s}\u001b[0m` : s);
  return { red: wrap(31), green: wrap(32), dim: wrap(2) };
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

/** The one-screen text view of a run: a header, a line per task attempt, each anomaly under its task. */
export function formatInspectReport(report: InspectReport, p: Paint): string {
  const out: string[] = [];
  const took = report.durationMs === undefined ? '' : `  ${formatDuration(report.durationMs)}`;
  out.push(`${report.workflowName} v${report.workflowVersion}  ${report.workflowId}  ${report.status}${took}`);
  out.push(p.dim(`  ${report.source.kind}: ${report.source.location}; this build: ${report.currentVersion ?? 'unknown'}`));
  if (report.reason) out.push(`  reason: ${report.reason}`);
  const rows = report.tasks.map((t) => {
    const worker = t.workerId?.split(':').slice(0, 2).join(':') ?? '';
    return [
      `${'  '.repeat(t.depth)}${t.ref}`,
      t.branch ?? '',
      t.status,
      t.attempts > 1 ? `${t.attempt}/${t.attempts}` : '1',
      worker,
      t.workerVersion ?? '',
      t.durationMs === undefined ? '' : formatDuration(t.durationMs),
      t.summary,
    ];
  });
  const header = ['TASK', 'BRANCH', 'STATUS', 'TRY', 'WORKER', 'VERSION', 'TIME', 'OUTPUT'];
  const widths = header.map((h, i) => Math.min(40, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]!))).join('  ').trimEnd();
  out.push('', p.dim(line(header)));
  report.tasks.forEach((t, i) => {
    const text = line(rows[i]!);
    out.push(t.anomalies.length > 0 ? p.red(text) : text);
    for (const a of t.anomalies) out.push(p.red(`${' '.repeat(2 * t.depth + 2)}! ${a.kind}: ${a.reason}`));
  });
  for (const id of report.missingSubWorkflows) out.push(p.red(`! sub-workflow ${id} not found`));
  out.push('', report.anomalies.length === 0 ? 'no anomalies' : p.red(`${report.anomalies.length} anomal${report.anomalies.length === 1 ? 'y' : 'ies'}`));
  return `${out.join('\n')}\n`;
}
