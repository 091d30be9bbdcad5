// Shows that computeWaveform's memory does not grow with the recording's length:
// peak RSS of a fresh process computing the waveform of 1, 10 and 30 min of
// audio (MP3, as the mixdown writes it), and the 30-to-1 ratio. A control run
// that buffers the decoded audio shows what growth looks like. The streaming
// run still rises a little at first: V8 collects the 64 KB pipe chunks lazily,
// and that headroom levels off (one run: 94, 106, 130 MB at 1, 10, 30 min; 131 MB at 90).
// Run: node --import tsx bench/audio-waveform.ts
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { computeWaveform } from '../src/audio/index.js';
import { runTool } from '../src/audio/tool-process.js';

const run = promisify(execFile);

/** Child mode: compute once, print peak RSS in MB. */
async function child(mode: string, path: string): Promise<void> {
  const signal = AbortSignal.timeout(600_000);
  if (mode === 'streaming') {
    const peaks = await computeWaveform(path, { peaks: 255 }, signal);
    if (peaks.length !== 255) throw new Error('expected 255 peaks');
  } else {
    // Control: hold the whole decoded stream in memory, as a naive implementation would.
    const { stdout } = await runTool('ffmpeg', ['-v', 'error', '-i', path, '-ac', '1', '-f', 's16le', 'pipe:1'], { signal });
    if (stdout.length === 0) throw new Error('no audio');
  }
  console.log(JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

function measure(mode: string, path: string): number {
  const result = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, mode, path], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return (JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { maxRssMb: number }).maxRssMb;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'polyphony-bench-'));
  try {
    const lengths = [1, 10, 30];
    const files: string[] = [];
    for (const minutes of lengths) {
      const path = join(dir, `${minutes}min.mp3`);
      // Speech-like: a tone that comes and goes, over noise.
      await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', `sine=f=220:r=16000:d=${minutes * 60}`,
        '-f', 'lavfi', '-i', `anoisesrc=r=16000:a=0.05:d=${minutes * 60}`,
        '-filter_complex', "[0]volume='0.5*gt(sin(t),0)':eval=frame[s];[s][1]amix=inputs=2:normalize=0",
        '-ac', '1', '-c:a', 'libmp3lame', '-b:a', '64k', path]);
      files.push(path);
    }
    for (const mode of ['streaming', 'buffered']) {
      const rss = files.map((f) => measure(mode, f));
      const shown = rss.map((mb, i) => `${lengths[i]} min ${mb.toFixed(1)} MB`).join(', ');
      console.log(`${mode.padEnd(9)} peak RSS: ${shown}; 30 min / 1 min = ${(rss.at(-1)! / rss[0]!).toFixed(2)}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const [mode, path] = process.argv.slice(2);
if (mode !== undefined && path !== undefined) await child(mode, path);
else await main();
