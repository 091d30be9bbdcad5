/** Splits seconds into whole hours, minutes, seconds and milliseconds (rounded to the millisecond). */
function parts(seconds: number): [number, number, number, number] {
  const totalMs = Math.max(0, Math.round(seconds * 1000));
  return [
    Math.floor(totalMs / 3_600_000),
    Math.floor(totalMs / 60_000) % 60,
    Math.floor(totalMs / 1000) % 60,
    totalMs % 1000,
  ];
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** WebVTT cue time: `HH:MM:SS.mmm`. */
export function vttTime(seconds: number): string {
  const [h, m, s, ms] = parts(seconds);
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms, 3)}`;
}

/** SRT cue time: `HH:MM:SS,mmm`. */
export function srtTime(seconds: number): string {
  return vttTime(seconds).replace('.', ',');
}

/** A clock for people: `m:ss`, or `h:mm:ss` from one hour on. */
export function clockTime(seconds: number): string {
  const [h, m, s] = parts(Math.floor(seconds));
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}
