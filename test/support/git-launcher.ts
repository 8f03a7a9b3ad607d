// Owns how the harness starts its git processes: through one small bash per test process (the launcher), which
// starts each `git` the harness asks for and says how it ended, instead of each git being forked from the test
// process itself. Node forks a child from the whole test process (100-170 MB): measured in one, ~7 ms of its
// CPU per git (4 ms even from a bare node), against ~1 ms to ask the launcher, whose bash of a few MB forks
// cheaply. The harness asks git several questions around every case.
// It must behave as execFileSync('git', args, { cwd, env, input }) does, and never answer anything itself: the
// same git binary runs with exactly the environment given (`env -i`), in that directory, with that input; its
// stdout is the answer, its stderr goes to this process's stderr, and a non-zero exit throws with that stderr.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Requests arrive on fd 3 as NUL-terminated fields: the directory, the input file (or nothing), the number of
// environment entries and the entries, the number of arguments and the arguments. Each answer is the exit
// status on a line of fd 4; the output is in the out and err files, truncated for each request. git gets
// neither fd. At the end of its requests (this process closed them, or died) the launcher exits.
const LAUNCHER = `
exec 3<"$1" 4>"$2"
out=$3 err=$4
while IFS= read -r -d '' -u 3 dir && IFS= read -r -d '' -u 3 input && IFS= read -r -d '' -u 3 count; do
  env=()
  for ((i = 0; i < count; i++)); do IFS= read -r -d '' -u 3 entry; env+=("$entry"); done
  IFS= read -r -d '' -u 3 count
  args=()
  for ((i = 0; i < count; i++)); do IFS= read -r -d '' -u 3 arg; args+=("$arg"); done
  (cd -- "$dir" && exec env -i -- "\${env[@]}" git "\${args[@]}") <"\${input:-/dev/null}" >"$out" 2>"$err" 3<&- 4>&-
  echo "$?" >&4
done
`;

interface Launcher {
  requests: number;
  answers: number;
  dir: string;
}

let launcher: Launcher | undefined;

/** Sleeps this thread for `ms`: the launcher is being started, and nothing else may run meanwhile. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function start(): Launcher {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cta-git-launcher-'));
  const [requests, answers] = [path.join(dir, 'requests'), path.join(dir, 'answers')];
  const child = spawn(
    'bash',
    [
      '-c',
      `mkfifo "$1" "$2" && ${LAUNCHER}`,
      'git-launcher',
      requests,
      answers,
      ...['out', 'err'].map((f) => path.join(dir, f)),
    ],
    { stdio: 'ignore', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' } },
  );
  child.unref();
  // Opening a FIFO blocks until the other end is open; a non-blocking open for writing fails until the
  // launcher has it open for reading, so a launcher that never starts fails here instead of hanging the test.
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      fs.closeSync(fs.openSync(requests, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'ENXIO' && code !== 'ENOENT') || Date.now() > deadline)
        throw new Error(`the git launcher did not start: ${String(error)}`);
      pause(1);
    }
  }
  const started: Launcher = { requests: fs.openSync(requests, 'w'), answers: fs.openSync(answers, 'r'), dir };
  process.on('exit', () => {
    fs.closeSync(started.requests);
    fs.closeSync(started.answers);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return started;
}

/** git with these arguments in `cwd`, with exactly `env` and `input` on its stdin: its stdout. Throws on a non-zero exit. */
export function launchGit(cwd: string, args: string[], env: NodeJS.ProcessEnv, input?: Buffer): Buffer {
  launcher ??= start();
  const inputFile = input === undefined ? '' : path.join(launcher.dir, 'in');
  const entries = Object.entries(env).flatMap(([name, value]) => (value === undefined ? [] : [`${name}=${value}`]));
  const fields = [path.resolve(cwd), inputFile, String(entries.length), ...entries, String(args.length), ...args];
  if (fields.some((field) => field.includes('\0')))
    throw new Error(`a git argument or variable holds a NUL: ${args.join(' ')}`);
  if (input !== undefined) fs.writeFileSync(inputFile, input);
  const request = Buffer.from(fields.map((field) => `${field}\0`).join(''));
  for (let written = 0; written < request.length;)
    written += fs.writeSync(launcher.requests, request, written, request.length - written);
  let answer = '';
  const chunk = Buffer.alloc(16);
  while (!answer.endsWith('\n')) {
    const read = fs.readSync(launcher.answers, chunk, 0, chunk.length, null);
    if (read === 0) throw new Error('the git launcher ended');
    answer += chunk.toString('latin1', 0, read);
  }
  const status = Number(answer.trim());
  const stdout = fs.readFileSync(path.join(launcher.dir, 'out'));
  const stderr = fs.readFileSync(path.join(launcher.dir, 'err'));
  if (stderr.length > 0) process.stderr.write(stderr);
  if (status !== 0) {
    const error = new Error(`Command failed: git ${args.join(' ')}\n${stderr.toString('utf8')}`);
    Object.assign(error, { status, stdout, stderr });
    throw error;
  }
  return stdout;
}
