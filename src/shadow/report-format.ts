import type { ShadowComparison, WordDifference } from './shadow-comparison.js';
import type { ShadowReport, ShadowSideRun } from './shadow-report.js';

const row = (label: string, ...cells: string[]) => `${label.padEnd(22)}${cells.map((c) => c.padEnd(14)).join('')}`.trimEnd();
const seconds = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
const ratio = (x: number | null) => (x === null ? 'n/a' : x.toFixed(4));

function sideLine(side: ShadowSideRun): string {
  const outcome = side.reason === null ? `${side.status} in ${(side.elapsedMs / 1000).toFixed(1)} s` : `${side.status}: ${side.reason}`;
  return `${side.label}  ${side.engine} · ${side.asr} · ${side.llm}  ${outcome}  (transcript ${side.transcriptId}${side.out ? `, ${side.out}` : ''})`;
}

function differenceLine(d: WordDifference): string {
  const at = d.a ?? d.b;
  const where = at ? `${seconds(at.startMs).padStart(10)}  ${at.speaker.padEnd(10)}` : '';
  const text =
    d.kind === 'substitution' ? `"${d.a?.text}" → "${d.b?.text}"${d.a && d.b && d.a.speaker !== d.b.speaker ? ` (${d.b.speaker})` : ''}` :
    d.kind === 'insertion' ? `+ "${d.b?.text}"` : `- "${d.a?.text}"`;
  return `  ${d.kind.padEnd(13)}${where}  ${text}`;
}

/** The comparison table and the first word differences, one line each. */
export function formatComparison(c: ShadowComparison): string[] {
  const w = c.words;
  const lines = [
    row('', 'a', 'b'),
    row('words', String(w.a), String(w.b)),
    row('duration', `${c.duration.aMs} ms`, `${c.duration.bMs} ms`),
    row('topics', String(c.topics.a.count), String(c.topics.b.count)),
    row('WER (b against a)', `${ratio(w.wer)}  (${w.substitutions} substituted, ${w.insertions} inserted, ${w.deletions} deleted; ${w.matched} matched)`),
    row('speaker agreement', `${ratio(c.speakers.agreement)}  (${c.speakers.mismatches} of ${w.matched} matched words by another participant)`),
    row(
      'word start delta',
      c.timing.meanStartDeltaMs === null ? 'n/a' : `mean ${c.timing.meanStartDeltaMs} ms, max ${c.timing.maxStartDeltaMs} ms (end max ${c.timing.maxEndDeltaMs} ms)`,
    ),
    row(
      'topic timestamps',
      c.topics.sameTimestamps ? 'same' : `a: ${c.topics.a.timestampsMs.join(', ')} ms; b: ${c.topics.b.timestampsMs.join(', ')} ms`,
    ),
    row('participants', c.speakers.participantsEqual ? 'same' : 'differ'),
    ...c.fields.map((f) =>
      row(f.field, f.verdict === null ? `similarity ${ratio(f.similarity)} (sampled text, not compared for equality)` : f.verdict === 'equal' ? 'equal' : `differs (similarity ${ratio(f.similarity)})`),
    ),
    '',
    c.identical ? 'the two transcripts are identical' : `the two transcripts differ`,
  ];
  if (c.differences.total > 0) {
    lines.push('', `first word differences (${c.differences.shown.length} of ${c.differences.total}):`, ...c.differences.shown.map(differenceLine));
  }
  return lines;
}

/** The report for a person: the two sides, a table of the comparison, then the first word differences. */
export function formatShadowReport(report: ShadowReport): string {
  const lines = [`shadow run of ${report.recording}`, ...report.sides.map(sideLine), ''];
  lines.push(...(report.comparison ? formatComparison(report.comparison) : ['no comparison: a side did not complete']));
  return `${lines.join('\n')}\n`;
}
