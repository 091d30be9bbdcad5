import { createHmac, timingSafeEqual } from 'node:crypto';

/** The `X-Webhook-Signature` value for `body` sent at unix second `t`. */
export function signWebhook(secret: string, body: string, t: number): string {
  return `t=${t},v1=${hmacHex(secret, `${t}.${body}`)}`;
}

/**
 * For receivers: true when `header` is a valid signature of `body` made with
 * `secret` no more than `toleranceSec` away from `now` (unix seconds). The
 * timestamp is signed too, so a captured request cannot be replayed later.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string,
  body: string,
  toleranceSec: number,
  now: number,
): boolean {
  const fields = new Map<string, string[]>();
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim();
    fields.set(key, [...(fields.get(key) ?? []), part.slice(eq + 1).trim()]);
  }
  const tText = fields.get('t')?.[0];
  if (tText === undefined || !/^\d+$/.test(tText)) return false;
  const t = Number(tText);
  if (Math.abs(now - t) > toleranceSec) return false;
  const expected = Buffer.from(hmacHex(secret, `${t}.${body}`), 'utf8');
  // Several v1 values are allowed so a sender can sign with an old and a new secret while rotating.
  return (fields.get('v1') ?? []).some((candidate) => {
    const given = Buffer.from(candidate, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

function hmacHex(secret: string, data: string): string {
  return createHmac('sha256', secret).update(data, 'utf8').digest('hex');
}
