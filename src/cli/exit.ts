/** Thrown by a command that has already reported what happened and only sets the exit code. */
export class CommandExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

/** Thrown for a usage problem: wrong options or a file that is not a schedule at all (exit 2). */
export class UsageError extends Error {}
