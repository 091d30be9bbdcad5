// Wall time of `polyphony process` (embedded engine, speech regions only, tracks
// in parallel) against the naive baseline: the same recogniser over every full
// aligned track, one after another. Also the share of the run's wall time spent
// outside task functions (engine and database), from the recorded task times.
//
//   node --import tsx bench/process-vs-naive.ts [--long-minutes 5]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { alignTrack, probeAudio } from '../src/audio/index.js';
import { PocketsphinxTranscriber } from '../src/asr/pocketsphinx/index.js';
import { loadRecording } from '../src/recording/recording-loader.js';
import { makeRecording, type ParticipantSpec } from '../test/fixtures/make-recording.js';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { repoRoot } from '../test/pipeline/run-cli.js';
import { openEngine, type Workflow } from '../src/engine/index.js';

const { values } = parseArgs({ options: { 'long-minutes': { type: 'string', default: '5' } } });
const longMinutes = Number(values['long-minutes']);

const lines = [
  'I think we should look at the numbers for the next quarter before we decide anything.',
  'The team finished the migration last week and the new servers are running well.',
  'Can you send me the report by Friday so that I can review it over the weekend?',
  'We agreed to move the launch to the first week of next month.',
  'Customers asked for a simpler pricing page and a faster checkout.',
  'Let us keep the budget as it is and revisit it in two weeks.',
];

/** A meeting of three people taking turns for about `minutes`, each track starting at its own offset. */
function longMeeting(minutes: number): ParticipantSpec[] {
  const voices = ['slt', 'rms', 'awb'] as const;
  const names = ['Alice', 'Bob', 'Angus'];
  const people: ParticipantSpec[] = voices.map((voice, i) => ({
    id: `p${i + 1}`,
    name: names[i]!,
    voice,
    trackStartSec: i * 3,
    utterances: [],
  }));
  // A turn takes ~5 s of speech; 3 s gaps between turns leave most of each track silent.
  for (let t = 4, turn = 0; t < minutes * 60 - 8; t += 8, turn++) {
    const who = people[turn % 3]!;
    (who.utterances as { atSec: number; text: string }[]).push({ atSec: t, text: lines[turn % lines.length]! });
  }
  return people;
}

// What users run (`npx polyphony`): the built CLI, not the TypeScript sources through tsx.
const builtCli = join(repoRoot, 'dist', 'src', 'cli', 'main.js');
if (!existsSync(builtCli)) execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });

function runBuiltCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [builtCli, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Union length of the intervals in which at least one task function ran. */
function busyMs(intervals: [number, number][]): number {
  const sorted = intervals.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [s, e] of sorted) {
    if (s > end) {
      total += e - s;
      end = e;
    } else if (e > end) {
      total += e - end;
      end = e;
    }
  }
  return total;
}

async function measure(label: string, recordingDir: string): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'polyphony-bench-'));
  try {
    const home = join(work, 'home');
    const started = performance.now();
    const result = await runBuiltCli(['process', recordingDir, '--out', join(work, 'out'), '--json'], { POLYPHONY_HOME: home });
    const processMs = performance.now() - started;
    if (result.code !== 0) throw new Error(`process failed: ${result.stderr}`);
    const { workflowId } = JSON.parse(result.stdout) as { workflowId: string };

    // Engine/database share: wall time of the run minus the time any worker was executing.
    const engine = openEngine({ dbPath: join(home, 'engine.db'), workers: [] });
    const runs: Workflow[] = [];
    const collect = (id: string) => {
      const wf = engine.getWorkflow(id, true)!;
      runs.push(wf);
      for (const t of wf.tasks ?? []) if (t.subWorkflowId) collect(t.subWorkflowId);
    };
    collect(workflowId);
    engine.close();
    const main = runs[0]!;
    const intervals = runs.flatMap((wf) => (wf.tasks ?? []).filter((t) => t.taskType !== 'SUB_WORKFLOW' && t.workerId).map((t): [number, number] => [t.startTime, t.endTime]));
    const wfMs = (main.endTime ?? 0) - main.startTime;
    const speechSec = runs
      .flatMap((wf) => wf.tasks ?? [])
      .filter((t) => t.referenceTaskName === 'transcribe_track' && t.status === 'COMPLETED')
      .reduce((sum, t) => sum + Number(t.outputData['speechSec'] ?? 0), 0);
    const outsideMs = wfMs - busyMs(intervals);

    // Naive: the same recogniser on every full aligned track, one after another.
    const recording = await loadRecording(recordingDir);
    const transcriber = new PocketsphinxTranscriber();
    const signal = new AbortController().signal;
    const aligned: string[] = [];
    for (const track of recording.tracks) {
      const outputPath = join(work, `naive-${track.index}.wav`);
      await alignTrack({ inputPath: track.path, offsetMs: track.offsetMs ?? 0, outputPath, signal });
      aligned.push(outputPath);
    }
    const audioSec = recording.tracks.length === 0 ? 0 : (await Promise.all(aligned.map((p) => probeAudio(p, signal)))).reduce((sum, p) => sum + p.durationSec, 0);
    const naiveStart = performance.now();
    let naiveWords = 0;
    for (const path of aligned) naiveWords += (await transcriber.transcribe(path, { signal })).length;
    const naiveMs = performance.now() - naiveStart;

    console.log(
      `${label}: process ${(processMs / 1000).toFixed(1)} s (workflow ${(wfMs / 1000).toFixed(1)} s), ` +
        `naive ${(naiveMs / 1000).toFixed(1)} s (${naiveWords} words) → ratio ${(processMs / naiveMs).toFixed(2)}; ` +
        `outside task functions ${(outsideMs / 1000).toFixed(2)} s = ${((100 * outsideMs) / wfMs).toFixed(1)} % of the workflow; ` +
        `recogniser input: ${speechSec.toFixed(0)} s of speech vs ${audioSec.toFixed(0)} s of track audio`,
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await measure('bundled example (74 s, 3 tracks)', join(repoRoot, 'examples', 'meeting'));
const dir = await mkdtemp(join(tmpdir(), 'polyphony-bench-long-'));
try {
  await makeRecording(dir, { layout: 'manifest', participants: longMeeting(longMinutes) });
  await measure(`generated meeting (${longMinutes} min, 3 tracks)`, dir);
} finally {
  await rm(dir, { recursive: true, force: true });
}
