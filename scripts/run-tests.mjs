#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with node's test runner (through tsx).
// Node 20's --test does not expand globs, so the files are listed here.
// A throwaway PostgreSQL is started for the run when its binaries are installed
// and TEST_DATABASE_URL is not already set, so the store suite runs on both
// databases. (The Conductor tests start their own server.)
// Usage: npm test [-- <substring filter>...]
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { findPostgresBinDir, startPostgres } from './services/postgres.mjs';

const roots = ['src', 'test'];
const filters = process.argv.slice(2);

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

function postgresInstalled() {
  try {
    findPostgresBinDir();
    return true;
  } catch {
    return false;
  }
}

const files = roots.flatMap((r) => walk(r)).sort()
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(1);
}

const env = { ...process.env };
let postgres;
if (!env.TEST_DATABASE_URL && postgresInstalled()) {
  postgres = await startPostgres();
  env.TEST_DATABASE_URL = postgres.url;
  console.error(`test PostgreSQL at ${postgres.url}`);
}

const child = spawn(process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${env.TEST_CONCURRENCY ?? 2}`, ...files],
  { stdio: 'inherit', env });
const stop = () => child.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
const code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
if (postgres) await postgres.stop();
process.exit(code);
