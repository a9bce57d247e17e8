import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { holderState, lockDirectory, lockText, parseLock, thisHolder } from '../../src/io/dirLock.js';
import { CareprintError } from '../../src/errors.js';

const temp = () => mkdtempSync(join(tmpdir(), 'careprint-lock-'));
const lockPath = (dir: string) => join(dir, '.careprint.lock');

function refusal(dir: string): string {
  try {
    lockDirectory(dir)();
    return 'locked';
  } catch (error) {
    if (!(error instanceof CareprintError)) throw error;
    return error.problems.map((p) => `${p.message} (${p.hint})`).join('\n');
  }
}

describe('the run directory lock', () => {
  it('records the process, the machine and its boot, and reads back what it wrote and the older pid-only locks', () => {
    const here = thisHolder();
    expect(here.pid).toBe(process.pid);
    expect(here.host).toBe(hostname());
    expect(parseLock(lockText(here))).toEqual(here);
    expect(parseLock('4242\n')).toEqual({ pid: 4242 });
    for (const text of ['', '\n', 'x\n', '-3\n', '0\n', '12ab\n']) expect(parseLock(text)).toBeNull();
  });

  it('tells a holder that runs here from one that ended, one from before a restart, and one on another machine', () => {
    const here = { pid: 100, host: 'frontdesk', boot: 'b-2' };
    const running = (pid: number) => pid === 200;
    expect(holderState({ pid: 200, host: 'frontdesk', boot: 'b-2' }, here, running)).toBe('live');
    expect(holderState({ pid: 300, host: 'frontdesk', boot: 'b-2' }, here, running)).toBe('stale');
    // The same number, but the machine has restarted since: another process now.
    expect(holderState({ pid: 200, host: 'frontdesk', boot: 'b-1' }, here, running)).toBe('stale');
    // A lock from before careprint recorded the machine: taken as this machine's.
    expect(holderState({ pid: 200 }, here, running)).toBe('live');
    expect(holderState({ pid: 300 }, here, running)).toBe('stale');
    // A shared folder: whatever its number does here, that run cannot be seen from here.
    expect(holderState({ pid: 300, host: 'nightly-server', boot: 'b-9' }, here, running)).toBe('elsewhere');
    expect(holderState({ pid: 200, host: 'nightly-server' }, here, running)).toBe('elsewhere');
  });

  it('never takes over a lock held from another machine, and says which', () => {
    const dir = temp();
    const lock = lockText({ pid: 4242, host: 'nightly-server', boot: 'another-boot' });
    writeFileSync(lockPath(dir), lock);
    expect(refusal(dir)).toBe(`a careprint batch on nightly-server (process 4242) holds ${dir} (wait for it to finish, then run again: rows it wrote are kept; if no careprint batch runs on nightly-server any more, remove ${lockPath(dir)})`);
    expect(readFileSync(lockPath(dir), 'utf8')).toBe(lock);
  });

  it('takes over a lock from before the machine restarted, even when its process number is in use again', () => {
    const dir = temp();
    const here = thisHolder();
    if (here.boot === undefined) return; // no boot id outside Linux
    // process.ppid runs, as a reused number would.
    writeFileSync(lockPath(dir), lockText({ pid: process.ppid, host: here.host, boot: 'a-boot-before-this-one' }));
    const release = lockDirectory(dir);
    expect(parseLock(readFileSync(lockPath(dir), 'utf8'))).toEqual(here);
    release();
    expect(existsSync(lockPath(dir))).toBe(false);
  });

  it('takes an empty lock for one another run has just made, and an old empty one for a run that died making it', () => {
    const dir = temp();
    writeFileSync(lockPath(dir), '');
    expect(refusal(dir)).toBe(`cannot lock the run directory ${dir}: another run took it at the same moment (wait for it to finish, then run again)`);
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(lockPath(dir), minuteAgo, minuteAgo);
    expect(refusal(dir)).toBe('locked');
    expect(existsSync(lockPath(dir))).toBe(false);
  });
});
