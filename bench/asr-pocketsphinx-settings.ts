// Compares pocketsphinx decoder settings on flite speech with known text:
// word error rate against the text, and real-time factor = decoder time /
// audio duration, one clip at a time. CPU RTF (the decoder's own user+system
// time) is the number to compare on a shared machine; wall RTF also counts
// waiting for a core. Run: node --import tsx bench/asr-pocketsphinx-settings.ts [name filter]
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PocketsphinxTranscriber } from '../src/asr/pocketsphinx/index.js';
import { POCKETSPHINX_PRESETS } from '../src/asr/pocketsphinx/pocketsphinx-presets.js';
import { writeSpeechClip, type FliteVoice } from '../src/asr/testing/flite-speech-clip.js';
import { normalizeWords, wordErrorRate } from '../src/asr/testing/word-error-rate.js';
import { readWavClipFormat } from '../src/asr/wav-clip-format.js';

const UTTERANCES: ReadonlyArray<{ voice: FliteVoice; text: string }> = [
  { voice: 'slt', text: 'The quick brown fox jumps over the lazy dog. We will meet again on Monday to talk about the plan.' },
  { voice: 'rms', text: 'Good morning everyone, thanks for joining the call. Let us start with the budget for next year.' },
  { voice: 'awb', text: 'I think we should send the report to the team before the end of the week.' },
  { voice: 'kal16', text: 'Can you share your screen so we can look at the numbers together?' },
  { voice: 'slt', text: 'The new office will open in the spring, and everyone will have a desk by the window.' },
  { voice: 'rms', text: 'Please write down the action items and put them in the shared document.' },
  { voice: 'awb', text: 'We need more time to finish the work, so the release moves to the first of June.' },
  { voice: 'kal16', text: 'Thank you all for your help. I will see you at the meeting tomorrow.' },
];

const SETTINGS: ReadonlyArray<{ name: string; args: readonly string[] }> = [
  { name: 'defaults (= accurate preset)', args: POCKETSPHINX_PRESETS.accurate },
  { name: 'beam 1e-45 wbeam 1e-25', args: ['-beam', '1e-45', '-wbeam', '1e-25'] },
  { name: 'beam 1e-40 wbeam 1e-30 pbeam 1e-40', args: ['-beam', '1e-40', '-wbeam', '1e-30', '-pbeam', '1e-40'] },
  { name: 'maxhmmpf 3000', args: ['-maxhmmpf', '3000'] },
  { name: 'maxhmmpf 1500', args: ['-maxhmmpf', '1500'] },
  { name: 'maxhmmpf 1000', args: ['-maxhmmpf', '1000'] },
  { name: 'maxwpf 10', args: ['-maxwpf', '10'] },
  { name: 'topn 2', args: ['-topn', '2'] },
  { name: 'ds 2', args: ['-ds', '2'] },
  { name: 'pl_window 10', args: ['-pl_window', '10'] },
  { name: 'fwdflat no', args: ['-fwdflat', 'no'] },
  { name: 'bestpath no', args: ['-bestpath', 'no'] },
  { name: 'fwdflat no bestpath no', args: ['-fwdflat', 'no', '-bestpath', 'no'] },
  { name: 'maxhmmpf 1500 bestpath no', args: ['-maxhmmpf', '1500', '-bestpath', 'no'] },
  { name: 'maxhmmpf 1500 topn 2 maxwpf 10', args: ['-maxhmmpf', '1500', '-topn', '2', '-maxwpf', '10'] },
  { name: 'maxhmmpf 2000 bestpath no', args: ['-maxhmmpf', '2000', '-bestpath', 'no'] },
  { name: 'maxhmmpf 1500 bestpath no fwdflat no', args: ['-maxhmmpf', '1500', '-bestpath', 'no', '-fwdflat', 'no'] },
  { name: 'maxhmmpf 1500 bestpath no topn 2', args: ['-maxhmmpf', '1500', '-bestpath', 'no', '-topn', '2'] },
  { name: 'fast preset', args: POCKETSPHINX_PRESETS.fast },
];

// Linux: CPU seconds of this process's exited, reaped children (cutime + cstime in /proc/self/stat).
async function childCpuSeconds(): Promise<number> {
  const stat = await readFile('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields after the command name start at field 3 (state); cutime is field 16, cstime 17.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

interface Row {
  readonly setting: string;
  readonly wer: number;
  readonly cpuRtf: number;
  readonly wallRtf: number;
}

/** Decodes every fixture with every setting whose name contains `filter`; one row per setting. */
export async function measurePocketsphinxSettings(signal: AbortSignal, filter = ''): Promise<Row[]> {
  const dir = await mkdtemp(join(tmpdir(), 'polyphony-bench-asr-'));
  try {
    const clips = await Promise.all(
      UTTERANCES.map(async (utterance, i) => {
        const path = join(dir, `utterance-${i}.wav`);
        await writeSpeechClip(path, { ...utterance, leadingSilenceSeconds: 0.5, trailingSilenceSeconds: 0.5 }, signal);
        return { path, reference: normalizeWords(utterance.text), seconds: (await readWavClipFormat(path)).durationSeconds };
      }),
    );
    const audioSeconds = clips.reduce((sum, clip) => sum + clip.seconds, 0);
    const rows: Row[] = [];
    for (const setting of SETTINGS.filter((s) => s.name.includes(filter))) {
      const transcriber = new PocketsphinxTranscriber({ decoderArgs: setting.args, maxConcurrency: 1 });
      let errors = 0;
      let referenceWords = 0;
      let decodeMs = 0;
      const cpuBefore = await childCpuSeconds();
      for (const clip of clips) {
        const started = performance.now();
        const words = await transcriber.transcribe(clip.path, { signal });
        decodeMs += performance.now() - started;
        const hypothesis = normalizeWords(words.map((w) => w.text).join(' '));
        errors += wordErrorRate(clip.reference, hypothesis) * clip.reference.length;
        referenceWords += clip.reference.length;
      }
      const cpuSeconds = (await childCpuSeconds()) - cpuBefore;
      rows.push({
        setting: setting.name,
        wer: errors / referenceWords,
        cpuRtf: cpuSeconds / audioSeconds,
        wallRtf: decodeMs / 1000 / audioSeconds,
      });
    }
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // An optional argument picks settings by name: `… asr-pocketsphinx-settings.ts maxhmmpf`.
  const rows = await measurePocketsphinxSettings(AbortSignal.timeout(30 * 60_000), process.argv[2]);
  const cell = (value: number): string => value.toFixed(3).padStart(8);
  console.log(`${'setting'.padEnd(40)} ${'WER'.padStart(8)} ${'CPU RTF'.padStart(8)} ${'wall RTF'.padStart(8)}`);
  for (const row of rows) console.log(`${row.setting.padEnd(40)} ${cell(row.wer)} ${cell(row.cpuRtf)} ${cell(row.wallRtf)}`);
}
