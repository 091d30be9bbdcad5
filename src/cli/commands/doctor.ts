import { formatDoctorReport, paint, runDoctor } from '../../ops/index.js';
import { buildVersion } from '../../runtime/worker-identity.js';
import { CliError } from '../cli-error.js';
import { parseCommandArgs } from '../command-args.js';

const usage = `usage: polyphony doctor [--json] [--server <url>] [--wait <seconds>] [--sample <seconds>]
Checks what a run needs: configuration, ffmpeg and the recogniser on a 1 s sample, the database,
the blob store, the LLM endpoint (POLYPHONY_LLM=openai), and with CONDUCTOR_SERVER_URL (or --server)
the Conductor server (waiting up to --wait, default 30 s, with backoff) and, for every task type,
which worker ids poll it and whether more than one code version does (sampled for --sample, default 3 s).
Exit status: 0 when every check passes, 1 otherwise.`;

const seconds = (name: string, raw: string): number => {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new CliError(`--${name} must be a number of seconds, got '${raw}'`, 2);
  return n * 1000;
};

/** `polyphony doctor`: one line per check with a fix for each failure; non-zero when a run would miss something. */
export async function doctorCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, usage, {
    json: { type: 'boolean', default: false },
    server: { type: 'string' },
    wait: { type: 'string', default: '30' },
    sample: { type: 'string', default: '3' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const controller = new AbortController();
  const stop = (): void => controller.abort(new Error('interrupted'));
  process.once('SIGINT', stop);
  try {
    const checks = await runDoctor({
      env: process.env,
      currentVersion: buildVersion(),
      conductorUrl: values.server,
      readyTimeoutMs: seconds('wait', values.wait),
      sampleMs: seconds('sample', values.sample),
      signal: controller.signal,
    });
    if (values.json) process.stdout.write(`${JSON.stringify({ ok: checks.every((c) => c.ok), checks }, null, 2)}\n`);
    else process.stdout.write(formatDoctorReport(checks, paint(process.stdout.isTTY === true && !process.env['NO_COLOR'])));
    return checks.every((c) => c.ok) ? 0 : 1;
  } finally {
    process.off('SIGINT', stop);
  }
}
