import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { terminalFailure } from '../../runtime/task-failure.js';

/** The three files pocketsphinx needs: acoustic model folder, language model, pronunciation dictionary. */
export interface PocketsphinxModel {
  readonly hmm: string;
  readonly lm: string;
  readonly dict: string;
}

/** Debian's package name for the decoder and its US English model, for hints in errors. */
export const POCKETSPHINX_INSTALL_HINT = 'install the Debian packages `pocketsphinx pocketsphinx-en-us`';

/** The US English model as Debian's `pocketsphinx-en-us` lays it out under `dir`. */
export function debianEnUsModel(dir = '/usr/share/pocketsphinx/model/en-us'): PocketsphinxModel {
  return { hmm: join(dir, 'en-us'), lm: join(dir, 'en-us.lm.bin'), dict: join(dir, 'cmudict-en-us.dict') };
}

/** Throws a terminal TaskFailure naming the clip and the first model file that is missing. */
export async function requireModelFiles(model: PocketsphinxModel, clipPath: string): Promise<void> {
  // The decoder's own message for a missing model is buried in its log; say it plainly instead.
  for (const path of [join(model.hmm, 'mdef'), model.lm, model.dict]) {
    await access(path).catch((error: unknown) => {
      throw terminalFailure(`clip ${clipPath}: pocketsphinx model file missing: ${path} (${POCKETSPHINX_INSTALL_HINT})`, error);
    });
  }
}
