import { assertReadableFile } from './audio-probe.js';
import { toolFailure } from './tool-failure.js';
import { ToolError, runTool } from './tool-process.js';

/**
 * Mixes aligned tracks into one MP3 as long as the longest. ffmpeg streams
 * the mix, so memory does not grow with the recording's length.
 */
export async function mixdown(options: {
  inputs: readonly string[];
  outputPath: string;
  signal: AbortSignal;
}): Promise<void> {
  const { inputs, outputPath, signal } = options;
  if (inputs.length === 0) throw new RangeError('mixdown needs at least one track');
  for (const path of inputs) await assertReadableFile(path);
  // normalize=0: each voice keeps its level. amix otherwise divides by the
  // number of inputs, making a 6-person meeting 16 dB quieter than its speakers.
  const filter = `amix=inputs=${inputs.length}:duration=longest:dropout_transition=0:normalize=0`;
  const args = [
    '-nostdin', '-v', 'error', '-y',
    ...inputs.flatMap((path) => ['-i', path]),
    '-filter_complex', `${filter}[mix]`,
    '-map', '[mix]',
    '-ac', '1', '-c:a', 'libmp3lame', '-b:a', '64k',
    '-map_metadata', '-1', '-fflags', '+bitexact', '-f', 'mp3', outputPath,
  ];
  try {
    await runTool('ffmpeg', args, { signal });
  } catch (error) {
    // ffmpeg prefixes its complaint with the path of the input that failed.
    const culprit = error instanceof ToolError ? inputs.find((path) => error.stderr.includes(path)) : undefined;
    throw toolFailure(culprit ?? outputPath, error);
  }
}
