import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { CareprintError } from '../errors.js';
import { writeAll, writeFileAtomic } from './atomicFile.js';

/**
 * Where a document goes when a person names the output: a file, or something that only
 * looks like one.
 *
 * - `descriptor`: standard output (`-`, `/dev/stdout`) or a descriptor this process
 *   inherited (`/dev/fd/3`, which is what a shell's `>(lp)` names). Written through the
 *   descriptor itself, so a file opened for appending (`>>`) is appended to and a
 *   socket a parent process handed over works, as opening the path again would not.
 * - `device`: a FIFO, a character device (`/dev/null`, `/dev/full`, a printer), or a
 *   socket. Opened and written in place: renaming a file over it would replace the
 *   device node and leave its reader with nothing.
 * - `file`: a regular file, or none yet. Written atomically (see atomicFile), at the
 *   path a symbolic link points to, so the link stays a link.
 */
export type OutputTarget =
  | { readonly kind: 'descriptor'; readonly fd: number }
  | { readonly kind: 'device'; readonly path: string }
  | { readonly kind: 'file'; readonly path: string };

const descriptorPath = /^\/(?:dev|proc\/self)\/fd\/(\d+)$/;

/** The descriptor a path names (`/dev/stdout`, `/dev/fd/3`, `/proc/self/fd/3`), if it names one. */
export function descriptorOf(path: string): number | undefined {
  if (path === '-' || path === '/dev/stdout') return 1;
  if (path === '/dev/stderr') return 2;
  const fd = descriptorPath.exec(path)?.[1];
  return fd === undefined ? undefined : Number(fd);
}

/** The output as a person knows it: "-" is standard output. */
function nameOf(path: string): string {
  return path === '-' ? 'standard output' : path;
}

function targetError(path: string, message: string, error?: unknown): CareprintError {
  return CareprintError.of('io', 'out', `${nameOf(path)}: ${message}`, error === undefined ? undefined : { cause: error });
}

function errnoCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'error';
}

/** What `path` is (a link as a link); undefined when there is nothing there yet. */
function statOf(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw targetError(path, `cannot be written (${errnoCode(error)})`, error);
  }
}

/**
 * A symbolic link: what it points to decides. A regular file is replaced atomically at
 * its real path, so the link stays; anything else is written through the link.
 */
function linkTarget(path: string): OutputTarget {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    throw targetError(path, `is a link to ${errnoCode(error) === 'ENOENT' ? 'a file that does not exist' : `what cannot be read (${errnoCode(error)})`}`, error);
  }
  if (stats.isDirectory()) throw targetError(path, 'is a link to a folder; name the PDF file in it');
  if (!stats.isFile()) return { kind: 'device', path };
  try {
    return { kind: 'file', path: realpathSync(path) };
  } catch (error) {
    throw targetError(path, `is a link that cannot be followed (${errnoCode(error)})`, error);
  }
}

/** What kind of target `path` is. A folder, or a link to nothing, cannot take a PDF. */
export function outputTarget(path: string): OutputTarget {
  const fd = descriptorOf(path);
  if (fd !== undefined) return { kind: 'descriptor', fd };
  const stats = statOf(path);
  if (stats === undefined || stats.isFile()) return { kind: 'file', path };
  if (stats.isSymbolicLink()) return linkTarget(path);
  if (stats.isDirectory()) throw targetError(path, 'is a folder; name the PDF file in it');
  return { kind: 'device', path };
}

/**
 * The reader of a pipe went away before the end (`| head -c 10`, a closed viewer): its
 * choice, not a fault of careprint, and said as such.
 */
function writeFailure(path: string, error: unknown): CareprintError {
  const code = errnoCode(error);
  if (code === 'EPIPE' || code === 'ECONNRESET') {
    return CareprintError.of('io', 'out', `output closed early (the program reading ${nameOf(path)} stopped before the end)`, { cause: error });
  }
  return targetError(path, `cannot write (${code})`, error);
}

/**
 * Whether descriptor `fd` is one this process was given (by a shell's `>(lp)`, or a
 * parent's extra pipe), rather than one Node opened for itself: its event loop's
 * eventfds and epoll, and pipes whose both ends it holds, which a mistyped /dev/fd/5
 * would otherwise write a PDF into. (Node marks the low inherited descriptors
 * close-on-exec at start, so that flag cannot tell them apart.) Where the system does not
 * say (no /proc), an open descriptor is taken as given.
 */
function isGiven(fd: number): boolean {
  if (fd <= 2) return true;
  let links: Map<string, string>;
  try {
    links = new Map(readdirSync('/proc/self/fd').map((name) => [name, readlinkOrEmpty(`/proc/self/fd/${name}`)]));
  } catch {
    return true;
  }
  const link = links.get(String(fd));
  if (link === undefined) return false;
  if (link.startsWith('anon_inode:')) return false;
  if (!link.startsWith('pipe:')) return true;
  return ![...links].some(([name, other]) => name !== String(fd) && Number(name) > 2 && other === link);
}

function readlinkOrEmpty(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}

function writeToDescriptor(path: string, fd: number, bytes: Uint8Array): void {
  try {
    fstatSync(fd);
    if (!isGiven(fd)) throw Object.assign(new Error(`descriptor ${fd} is careprint's own`), { code: 'EBADF' });
  } catch (error) {
    throw targetError(path, `no such open descriptor (${errnoCode(error)})`, error);
  }
  try {
    writeAll(fd, bytes);
  } catch (error) {
    throw writeFailure(path, error);
  }
}

function writeToDevice(path: string, bytes: Uint8Array): void {
  let fd: number;
  try {
    // No O_CREAT, no O_TRUNC: the node is there and stays what it is.
    fd = openSync(path, constants.O_WRONLY);
  } catch (error) {
    const code = errnoCode(error);
    throw targetError(path, `cannot be opened for writing (${code}${code === 'ENXIO' ? ': a socket, or a device with nothing behind it' : ''})`, error);
  }
  try {
    writeAll(fd, bytes);
  } catch (error) {
    throw writeFailure(path, error);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a whole document to the output a person named (see `OutputTarget`). A failed
 * write (a full device, a reader that closed early) throws, so nothing reports "wrote"
 * for bytes that did not arrive.
 */
export function writeOutput(path: string, bytes: Uint8Array): void {
  const target = outputTarget(path);
  switch (target.kind) {
    case 'descriptor':
      return writeToDescriptor(path, target.fd, bytes);
    case 'device':
      return writeToDevice(path, bytes);
    case 'file':
      return writeFileAtomic(target.path, bytes);
    default: {
      const never: never = target;
      return never;
    }
  }
}
