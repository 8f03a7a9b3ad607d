// Owns the named pipe the MCP server's stdout is written to, and reading it into one reused buffer.
// Why: a stream hands over every read in a fresh buffer, and over 100 MiB of them wait as garbage for the
// collector (tens of MiB of RSS on a long task). Reading a FIFO through a socket with `onread` puts every read
// into one reused buffer instead.
// Must never: leave the FIFO on disk, or hand on a chunk that outlives the callback it was given to.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { childEnvironment } from '../child-env.js';

/** The reused read buffer (the size of a pipe read). */
const READ_BUFFER_BYTES = 64 * 1024;

/** A FIFO's two ends, opened; the FIFO itself is already gone from disk. */
export interface Fifo {
  readFd: number;
  writeFd: number;
}

/** Makes a FIFO in a private temporary directory, opens both ends, and removes it; an Error when that fails. */
export function openFifo(): Fifo | Error {
  if (process.platform === 'win32') return new Error('no FIFOs on Windows');
  let dir: string | undefined;
  let readFd: number | undefined;
  try {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codex-mcp-'));
    const fifo = path.join(dir, 'stdout');
    execFileSync('mkfifo', ['-m', '600', fifo], { stdio: 'ignore', timeout: 10_000, env: childEnvironment() });
    // The read end first and non-blocking, so opening the write end does not wait for a reader.
    readFd = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const writeFd = fs.openSync(fifo, fs.constants.O_WRONLY);
    return { readFd, writeFd };
  } catch (error) {
    if (readFd !== undefined) fs.closeSync(readFd);
    return error instanceof Error ? error : new Error(String(error));
  } finally {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Closes both ends of a FIFO that was never handed to a child. */
export function closeFifo(fifo: Fifo): void {
  fs.closeSync(fifo.writeFd);
  fs.closeSync(fifo.readFd);
}

/**
 * A socket over the FIFO's read end that reads into one reused buffer: `onChunk` gets a view of it that is
 * valid only during the call.
 */
export function readFifo(readFd: number, onChunk: (chunk: Buffer) => void): net.Socket {
  const buffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
  // `onread` is a documented option of new net.Socket() that @types/node (20) lists only for connect().
  const options = {
    fd: readFd,
    readable: true,
    writable: false,
    onread: {
      buffer,
      callback: (bytes: number): boolean => {
        onChunk(buffer.subarray(0, bytes));
        return true;
      },
    },
  } as net.SocketConstructorOpts;
  return new net.Socket(options);
}
