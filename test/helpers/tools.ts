import { execFileSync } from 'node:child_process';

/** Whether a command-line tool runs here (`tool --version` or the given arguments exit 0). */
export function hasTool(tool: string, args: readonly string[] = ['--version']): boolean {
  try {
    execFileSync(tool, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a test that needs `tool` runs: when it is installed, or always when the
 * environment variable `require` is '1' (CI), so a missing tool there fails instead of skipping.
 */
export function runsWith(tool: string, require: string, args?: readonly string[]): boolean {
  return hasTool(tool, args) || process.env[require] === '1';
}
