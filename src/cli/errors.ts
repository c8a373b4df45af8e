/** Exit codes shared by every command. */
export const EXIT = { ok: 0, problems: 1, fatal: 2 } as const;

/**
 * An error the user can act on: printed as one line (plus an optional hint) with no
 * stack trace, exit code 2 unless said otherwise.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly exitCode: number = EXIT.fatal,
  ) {
    super(message);
  }
}
