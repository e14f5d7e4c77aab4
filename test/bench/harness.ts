import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Figure {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/**
 * On two cores the server and the load generator would fight over both: every server runs on
 * core 0 and wrk (C, light) on core 1, so a figure is what the server does with ONE core.
 */
const SERVER_CPU = '0';
const LOAD_CPU = '1';

/** Starts a server script on the server core and waits for its "listening <port>" line. */
export function startProcess(args: string[], env: Record<string, string>): Promise<{ port: number; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn('taskset', ['-c', SERVER_CPU, process.execPath, '--import', 'tsx', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out) ?? /localhost:(\d+)/.exec(out);
      if (m) resolve({ port: Number(m[1]), child });
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

/** Stops a server and waits until it has exited (its database may be dropped next). */
export function stopProcess(server: { child: ChildProcess }): Promise<void> {
  if (server.child.exitCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
  server.child.kill();
  return exited;
}

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

const lua = (s: string) => `[==[${s}]==]`;

/** wrk on the load core against one or several requests (round-robin): 2 s warm-up, then the run. */
export async function load(name: string, port: number, requests: LoadRequest[], opts: { seconds?: number; connections?: number } = {}): Promise<Figure> {
  const dir = mkdtempSync(join(tmpdir(), 'ow-wrk-'));
  try {
    const script = join(dir, 'requests.lua');
    const formatted = requests.map((r) => {
      const headers = { ...(r.body ? { 'content-type': 'application/json' } : {}), ...r.headers };
      const h = Object.entries(headers).map(([k, v]) => `[ ${lua(k)} ] = ${lua(v)}`).join(', ');
      return `wrk.format(${lua(r.method)}, ${lua(r.path)}, { ${h} }, ${r.body ? lua(r.body) : 'nil'})`;
    });
    // formatted in init(): only then does wrk know the Host header
    writeFileSync(script, `local reqs\ninit = function() reqs = { ${formatted.join(',\n')} } end\nlocal i = 0\nrequest = function() i = i % #reqs + 1; return reqs[i] end\n`);
    const run = (seconds: number) => {
      const wrk = spawnSync('taskset', ['-c', LOAD_CPU, 'wrk', '-t1', `-c${opts.connections ?? 10}`, `-d${seconds}s`, '--latency', '-s', script, `http://127.0.0.1:${port}`], {
        encoding: 'utf8',
      });
      if (wrk.status !== 0 || wrk.stderr.trim()) throw new Error(`wrk: ${wrk.error ?? ''}${wrk.stderr}${wrk.stdout}`);
      return wrk.stdout;
    };
    run(2);
    return { name, ...parseWrk(run(opts.seconds ?? 8)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parseWrk(out: string): Omit<Figure, 'name'> {
  const ms = (label: string) => {
    const m = new RegExp(`^\\s*${label}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(out);
    if (!m) throw new Error(`wrk: no ${label}% latency in:\n${out}`);
    return Number(m[1]) * ({ us: 0.001, ms: 1, s: 1000 } as const)[m[2] as 'us' | 'ms' | 's'];
  };
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = non2xx + (sock ? sock.slice(1).reduce((a, b) => a + Number(b), 0) : 0);
  return { rps, p50: ms('50'), p99: ms('99'), errors };
}

export function print(f: Figure, baseline?: Figure) {
  const ratio = baseline ? `  (${((f.rps / baseline.rps) * 100).toFixed(0)} % of ${baseline.name} req/s)` : '';
  const lat = (v: number) => (v < 10 ? v.toFixed(1) : v.toFixed(0)).padStart(4);
  console.log(`${f.name.padEnd(38)} ${f.rps.toFixed(0).padStart(7)} req/s   p50 ${lat(f.p50)} ms   p99 ${lat(f.p99)} ms   errors ${f.errors}${ratio}`);
}

/** Moves this process (every thread) to one core. */
const pinTo = (cpu: string) => spawnSync('taskset', ['-a', '-p', '-c', cpu, String(process.pid)], { stdio: 'ignore' });

/** Runs `fn` in this process on the SERVER core (see timeOps). */
export async function onServerCore<T>(fn: () => Promise<T>): Promise<T> {
  pinTo(SERVER_CPU);
  try {
    return await fn();
  } finally {
    pinTo(LOAD_CPU);
  }
}

/**
 * Times `fn` in this process on the SERVER core, so a raw baseline ran on the core the server it
 * is compared with runs on: on these virtual machines the two cores' speeds differ (up to 1.8×
 * seen) and drift, so take it right before the figure it is the baseline of.
 */
export function timeOps(name: string, fn: () => void, ms = 2000): { name: string; opsPerSec: number } {
  pinTo(SERVER_CPU);
  try {
    for (let i = 0; i < 200; i++) fn();
    let n = 0;
    const start = performance.now();
    while (performance.now() - start < ms) {
      for (let i = 0; i < 100; i++) fn();
      n += 100;
    }
    return { name, opsPerSec: n / ((performance.now() - start) / 1000) };
  } finally {
    pinTo(LOAD_CPU);
  }
}
