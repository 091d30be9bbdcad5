import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TaskFailure } from '../runtime/task-failure.js';
import { readWavClipFormat, requireTranscriberClip } from './wav-clip-format.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polyphony-wav-test-'));
});
after(() => rm(dir, { recursive: true, force: true }));

function chunk(id: string, body: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.write(id, 0, 'latin1');
  header.writeUInt32LE(body.length, 4);
  // RIFF pads odd-sized chunks with one byte that the size does not count.
  return Buffer.concat([header, body, Buffer.alloc(body.length % 2)]);
}
function fmt(options: { tag?: number; channels?: number; rate?: number; bits?: number; extensibleSubFormat?: number } = {}): Buffer {
  const { tag = 1, channels = 1, rate = 16000, bits = 16 } = options;
  const body = Buffer.alloc(options.extensibleSubFormat === undefined ? 16 : 40);
  body.writeUInt16LE(tag, 0);
  body.writeUInt16LE(channels, 2);
  body.writeUInt32LE(rate, 4);
  body.writeUInt32LE(rate * channels * (bits / 8), 8);
  body.writeUInt16LE(channels * (bits / 8), 12);
  body.writeUInt16LE(bits, 14);
  if (options.extensibleSubFormat !== undefined) body.writeUInt16LE(options.extensibleSubFormat, 24);
  return chunk('fmt ', body);
}
async function wav(name: string, ...chunks: Buffer[]): Promise<string> {
  const body = Buffer.concat([Buffer.from('WAVE', 'latin1'), ...chunks]);
  const path = join(dir, name);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(body.length);
  await writeFile(path, Buffer.concat([Buffer.from('RIFF', 'latin1'), size, body]));
  return path;
}
const oneSecond = Buffer.alloc(32000);

test('reads a plain 44-byte header', async () => {
  const format = await readWavClipFormat(await wav('plain.wav', fmt(), chunk('data', oneSecond)));
  assert.deepEqual(format, { sampleRate: 16000, channels: 1, bitsPerSample: 16, dataOffset: 44, dataBytes: 32000, durationSeconds: 1 });
});

test('finds the samples after other chunks, honouring odd-size padding', async () => {
  const format = await readWavClipFormat(await wav('list.wav', fmt(), chunk('LIST', Buffer.alloc(27)), chunk('data', oneSecond)));
  assert.equal(format.dataOffset, 44 + 8 + 28);
  assert.equal(format.durationSeconds, 1);
});

test('accepts WAVE_FORMAT_EXTENSIBLE holding PCM, rejects other encodings', async () => {
  const extensible = await wav('ext.wav', fmt({ tag: 0xfffe, extensibleSubFormat: 1 }), chunk('data', oneSecond));
  assert.equal((await readWavClipFormat(extensible)).sampleRate, 16000);
  const float = await wav('float.wav', fmt({ tag: 3, bits: 32 }), chunk('data', oneSecond));
  await assert.rejects(readWavClipFormat(float), /float\.wav: WAV encoding 3 is not integer PCM/);
});

test('a truncated data chunk counts only the bytes present', async () => {
  const path = join(dir, 'streamed.wav');
  // ffmpeg writing to a pipe leaves the data size at 0xFFFFFFFF.
  const data = chunk('data', oneSecond);
  data.writeUInt32LE(0xffffffff, 4);
  await writeFile(path, Buffer.concat([Buffer.from('RIFF\xff\xff\xff\xffWAVE', 'latin1'), fmt(), data]));
  assert.equal((await readWavClipFormat(path)).dataBytes, 32000);
});

test('files that are not WAV clips are terminal failures naming the file', async () => {
  const notWav = join(dir, 'notes.txt');
  await writeFile(notWav, 'hello, this is not audio');
  const noData = await wav('nodata.wav', fmt());
  for (const [path, message] of [
    [notWav, /notes\.txt: not a WAV file/],
    [noData, /nodata\.wav: WAV file has no data chunk/],
    [join(dir, 'missing.wav'), /missing\.wav: cannot open/],
  ] as const) {
    await assert.rejects(readWavClipFormat(path), (error: unknown) => error instanceof TaskFailure && error.terminal && message.test(error.message));
  }
});

test('only 16 kHz mono 16-bit clips are accepted for recognition', async () => {
  const good = await readWavClipFormat(await wav('good.wav', fmt(), chunk('data', oneSecond)));
  assert.doesNotThrow(() => requireTranscriberClip('good.wav', good));
  const cd = await readWavClipFormat(await wav('cd.wav', fmt({ rate: 44100, channels: 2 }), chunk('data', oneSecond)));
  assert.throws(() => requireTranscriberClip('cd.wav', cd), /cd\.wav: sample rate 44100 Hz, expected 16000; 2 channels, expected mono/);
});
