import { assertReadableFile } from './audio-probe.js';
import { toolFailure } from './tool-failure.js';
import { runTool } from './tool-process.js';

/**
 * Peaks at a resolution that halves whenever the bins fill: memory is fixed,
 * no duration is needed up front, and the final bins stay many times finer
 * than the requested buckets.
 */
export class PeakAccumulator {
  private bins: Float64Array;
  private used = 0;
  private width = 1;
  private inBin = 0;

  constructor(capacity: number) {
    this.bins = new Float64Array(capacity - (capacity % 2));
  }

  /** Adds one absolute sample value. */
  add(value: number): void {
    if (this.inBin === 0) {
      if (this.used === this.bins.length) this.halve();
      this.used++;
    }
    const i = this.used - 1;
    if (value > (this.bins[i] ?? 0)) this.bins[i] = value;
    if (++this.inBin === this.width) this.inBin = 0;
  }

  /** The maximum of each of `count` equal stretches, normalised so the largest is 1. */
  buckets(count: number): number[] {
    const out: number[] = [];
    const n = this.used;
    for (let b = 0; b < count; b++) {
      const lo = Math.floor((b * n) / count);
      const hi = Math.max(lo + 1, Math.floor(((b + 1) * n) / count));
      let peak = 0;
      for (let i = lo; i < Math.min(hi, n); i++) peak = Math.max(peak, this.bins[i] ?? 0);
      out.push(peak);
    }
    const max = Math.max(0, ...out);
    return max === 0 ? out.map(() => 0) : out.map((p) => p / max);
  }

  private halve(): void {
    const half = this.bins.length / 2;
    for (let i = 0; i < half; i++) this.bins[i] = Math.max(this.bins[2 * i] ?? 0, this.bins[2 * i + 1] ?? 0);
    this.bins.fill(0, half);
    this.used = half;
    this.width *= 2;
  }
}

/** Bins per requested bucket: the bucket edges are placed to within 1/64 of a bucket. */
const BINS_PER_BUCKET = 128;

/**
 * A waveform for display: `peaks` numbers, each the largest absolute sample
 * of its stretch of the audio, scaled so the largest is 1 (silence: all 0).
 * Decoding streams through ffmpeg; memory does not grow with length.
 */
export async function computeWaveform(
  path: string,
  options: { peaks: number },
  signal: AbortSignal,
): Promise<number[]> {
  if (!Number.isInteger(options.peaks) || options.peaks < 1) throw new RangeError(`peaks must be a positive integer, got ${options.peaks}`);
  await assertReadableFile(path);
  const accumulator = new PeakAccumulator(options.peaks * BINS_PER_BUCKET);
  let carry: Buffer | undefined;
  const onStdout = (chunk: Buffer): void => {
    const data = carry === undefined ? chunk : Buffer.concat([carry, chunk]);
    const whole = data.length - (data.length % 2);
    carry = whole < data.length ? data.subarray(whole) : undefined;
    for (let offset = 0; offset < whole; offset += 2) accumulator.add(Math.abs(data.readInt16LE(offset)));
  };
  try {
    await runTool(
      'ffmpeg',
      ['-nostdin', '-v', 'error', '-i', path, '-map', '0:a:0', '-ac', '1', '-f', 's16le', '-c:a', 'pcm_s16le', 'pipe:1'],
      { signal, onStdout },
    );
  } catch (error) {
    throw toolFailure(path, error);
  }
  return accumulator.buckets(options.peaks);
}
