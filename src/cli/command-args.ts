import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a command's arguments; an unknown or malformed flag is a usage error (exit 2) that shows the usage. */
export function parseCommandArgs<const O extends Options, const P extends boolean = false>(
  argv: string[],
  usage: string,
  options: O,
  allowPositionals?: P,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: (allowPositionals ?? false) as P, strict: true as const });
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)}\n${usage}`, 2);
  }
}
