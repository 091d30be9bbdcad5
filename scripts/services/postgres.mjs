#!/usr/bin/env node
// A throwaway PostgreSQL cluster for tests: initdb into a temp dir, start on a
// free 127.0.0.1 port with its unix socket in that dir, create a database.
// Works as root: initdb refuses root, so the server binaries run as the Debian
// `postgres` user and the temp dir is chowned to it.
//
//   node scripts/services/postgres.mjs run -- npm test -- test/store   # start, run, stop
//   eval "$(node scripts/services/postgres.mjs start)"                 # exports TEST_DATABASE_URL, POLYPHONY_PG_DIR
//   node scripts/services/postgres.mjs stop [dir]                      # dir defaults to $POLYPHONY_PG_DIR
//
// From code: `const { url, stop } = await startPostgres()`.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const DATABASE = 'polyphony';
const SERVER_USER = 'postgres';

/** The bin folder of the newest PostgreSQL under /usr/lib/postgresql (or $POSTGRES_BIN_DIR). */
export function findPostgresBinDir() {
  if (process.env.POSTGRES_BIN_DIR) return process.env.POSTGRES_BIN_DIR;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(`no PostgreSQL server binaries under ${root}/*/bin (Debian: apt-get install postgresql)`);
  }
  return join(root, versions[0], 'bin');
}

/** Runs as the `postgres` user when we are root (initdb and postgres refuse root). */
function asServerUser(command, args) {
  if (process.getuid?.() !== 0) return [command, args];
  return ['runuser', ['-u', SERVER_USER, '--', command, ...args]];
}

function run(command, args) {
  const [cmd, argv] = asServerUser(command, args);
  const result = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stderr}${result.stdout}`);
  }
  return result.stdout;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function chownToServerUser(dir) {
  if (process.getuid?.() !== 0) return;
  const uid = Number(execFileSync('id', ['-u', SERVER_USER], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', SERVER_USER], { encoding: 'utf8' }).trim());
  chownSync(dir, uid, gid);
}

/** Stops the cluster in `dir` (fast: no checkpoint) and removes the dir. */
export async function stopPostgres(dir) {
  const bin = findPostgresBinDir();
  if (existsSync(join(dir, 'data', 'postmaster.pid'))) {
    try {
      run(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
    } catch (error) {
      process.stderr.write(`${error.message}\n`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Starts a throwaway cluster with a `polyphony` database. `url` reaches it over
 * TCP as the trust-authenticated `postgres` superuser; `stop()` removes it all.
 */
export async function startPostgres() {
  const bin = findPostgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'polyphony-pg-'));
  try {
    chownToServerUser(dir);
    const data = join(dir, 'data');
    const sockets = join(dir, 'sock');
    run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    run('mkdir', [sockets]);
    const port = await freePort();
    // Durability is pointless for a throwaway cluster; turning it off keeps tests quick on a small CPU.
    const serverOptions = [
      `-p ${port}`, `-k ${sockets}`, '-c listen_addresses=127.0.0.1',
      '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off', '-c max_connections=50',
    ].join(' ');
    try {
      run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-o', serverOptions, '-w', '-t', '60', 'start']);
    } catch (error) {
      const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
      throw new Error(`${error.message}\nserver log:\n${log}`);
    }
    const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    await admin.connect();
    try {
      await admin.query(`create database ${DATABASE}`);
    } finally {
      await admin.end();
    }
    const url = `postgres://postgres@127.0.0.1:${port}/${DATABASE}`;
    return { url, dir, stop: () => stopPostgres(dir) };
  } catch (error) {
    await stopPostgres(dir);
    throw error;
  }
}

async function main(argv) {
  const [command, ...rest] = argv;
  if (command === 'start') {
    const { url, dir } = await startPostgres();
    process.stdout.write(`export TEST_DATABASE_URL='${url}'\nexport POLYPHONY_PG_DIR='${dir}'\n`);
    return 0;
  }
  if (command === 'stop') {
    const dir = rest[0] ?? process.env.POLYPHONY_PG_DIR;
    if (!dir) throw new Error('stop needs a cluster dir (argument or $POLYPHONY_PG_DIR)');
    await stopPostgres(dir);
    return 0;
  }
  if (command === 'run') {
    const args = rest[0] === '--' ? rest.slice(1) : rest;
    if (args.length === 0) throw new Error('run needs a command: run -- <command> [args...]');
    const { url, stop } = await startPostgres();
    process.stderr.write(`PostgreSQL for tests at ${url}\n`);
    const child = spawn(args[0], args.slice(1), { stdio: 'inherit', env: { ...process.env, TEST_DATABASE_URL: url } });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    const code = await new Promise((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
    await stop();
    return code;
  }
  process.stderr.write('usage: postgres.mjs start | stop [dir] | run -- <command> [args...]\n');
  return 2;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
}
