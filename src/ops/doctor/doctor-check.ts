/** One line of `doctor`: what was checked, whether it is fine, and how to fix it when not. */
export interface DoctorCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
  /** What to do about a failure. */
  readonly hint?: string;
  /** True when the check does not apply to this configuration (ok stays true). */
  readonly skipped?: boolean;
}

/** A passing check. */
export const passed = (name: string, detail: string): DoctorCheck => ({ name, ok: true, detail });

/** A failing check with its fix. */
export const failed = (name: string, detail: string, hint: string): DoctorCheck => ({ name, ok: false, detail, hint });

/** A check that does not apply here. */
export const skipped = (name: string, detail: string): DoctorCheck => ({ name, ok: true, detail, skipped: true });

/** The message of anything thrown. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Runs `check`; a throw becomes a failed check with `hint`, so one broken part never hides the others. */
export async function guarded(name: string, hint: string, check: () => Promise<DoctorCheck>): Promise<DoctorCheck> {
  try {
    return await check();
  } catch (error) {
    return failed(name, messageOf(error), hint);
  }
}
