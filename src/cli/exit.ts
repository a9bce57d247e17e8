/** Thrown by a command that has already reported what happened and only sets the exit code. */
export class CommandExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

/** Thrown for a usage problem: wrong options or a file that is not a schedule at all (exit 2). */
export class UsageError extends Error {
  /** Whether pointing to --help helps: it does for a wrong option, not for a file that cannot be used. */
  readonly helps: boolean;

  constructor(message: string, options: { readonly helps?: boolean } = {}) {
    super(message);
    this.helps = options.helps ?? true;
  }
}
