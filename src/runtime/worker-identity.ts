import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Package root: two levels above this file in src/ and in dist/src/. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    try {
      readFileSync(join(dir, 'package.json'));
      return dir;
    } catch {
      dir = dirname(dir);
    }
  }
  return dir;
}

/**
 * The build identity: package version plus git commit (`0.1.0+3f2a9c1`), with
 * `-dirty` when the working tree has uncommitted changes. Two processes with
 * different identities polling one task type are the "ghost worker" smell.
 */
export function buildVersion(root: string = packageRoot()): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string };
  const version = pkg.version ?? '0.0.0';
  const env = process.env['POLYPHONY_BUILD'];
  if (env) return `${version}+${env}`;
  try {
    const git = (args: string[]) =>
      execFileSync('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const commit = git(['rev-parse', '--short=10', 'HEAD']);
    const dirty = git(['status', '--porcelain', '--untracked-files=no', '--', 'src', 'workflows']) !== '';
    return `${version}+${commit}${dirty ? '-dirty' : ''}`;
  } catch {
    return `${version}+unknown`;
  }
}

/** `host:pid:version`, Conductor's workerId for this process. */
export function workerId(version: string = buildVersion()): string {
  return `${hostname()}:${process.pid}:${version}`;
}

/** Splits a worker id back into its parts; version may itself hold colons. */
export function parseWorkerId(id: string): { host: string; pid: number; version: string } | undefined {
  const match = /^([^:]+):(\d+):(.+)$/.exec(id);
  if (!match) return undefined;
  return { host: match[1]!, pid: Number(match[2]), version: match[3]! };
}
