import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePocketsphinxOutput } from './pocketsphinx-output-parser.js';

// Captured from Debian's pocketsphinx_continuous 0.8+5prealpha (-time yes), two utterances.
const TWO_UTTERANCES = `the quick brown fox
<s> 1.380 1.510 0.997802
<sil> 1.520 1.680 0.621540
the(2) 1.690 1.770 0.327840
quick 1.780 2.060 0.009674
brown 2.070 2.410 0.447897
[NOISE] 2.410 2.500 0.5
++UM++ 2.500 2.600 0.5
fox 2.610 2.800 0.998701
</s> 7.150 7.530 1.000000
good morning
<s> 10.420 10.490 0.999900
good 10.500 10.750 0.973358
morning 10.760 11.280 1.000100
</s> 13.430 13.580 1.000000
`;

test('keeps spoken words with their times, in order, across utterances', () => {
  const words = parsePocketsphinxOutput(TWO_UTTERANCES);
  assert.deepEqual(
    words.map((w) => [w.text, w.start, w.end]),
    [
      ['the', 1.69, 1.77],
      ['quick', 1.78, 2.06],
      ['brown', 2.07, 2.41],
      ['fox', 2.61, 2.8],
      ['good', 10.5, 10.75],
      ['morning', 10.76, 11.28],
    ],
  );
});

test('drops sentence markers, silence, noise and filler tokens and strips pronunciation suffixes', () => {
  const texts = parsePocketsphinxOutput(TWO_UTTERANCES).map((w) => w.text);
  assert.ok(texts.every((t) => !/[<>[\]+()]/.test(t)), texts.join(' '));
});

test('clamps posteriors into [0, 1] for use as confidence', () => {
  const morning = parsePocketsphinxOutput(TWO_UTTERANCES).find((w) => w.text === 'morning');
  assert.equal(morning?.confidence, 1);
});

test('a hypothesis line of four words is not mistaken for a timing line', () => {
  assert.deepEqual(parsePocketsphinxOutput('we will meet again\n'), []);
});

test('output with only markers (noise, silence) yields no words', () => {
  assert.deepEqual(parsePocketsphinxOutput('\n<s> 0.000 0.580 1.000100\n</s> 0.590 0.950 1.000000\n'), []);
});
