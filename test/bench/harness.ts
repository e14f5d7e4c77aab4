import { spawn, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';

export interface Figure {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** Starts a server script in a child process and waits for its "listening <port>" line. */
export function startProcess(args: string[], env: Record<string, string>): Promise<{ port: number; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out) ?? /localhost:(\d+)/.exec(out);
      if (m) resolve({ port: Number(m[1]), child });
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

/** autocannon against one or several paths (round-robin), a warm-up first. */
export async function load(
  name: string,
  port: number,
  paths: string[],
  opts: { seconds?: number; connections?: number; postBody?: string } = {},
): Promise<Figure> {
  const requests = paths.map((path) =>
    opts.postBody
      ? { method: 'POST' as const, path, body: opts.postBody, headers: { 'content-type': 'application/json' } }
      : { method: 'GET' as const, path },
  );
  const base = { url: `http://127.0.0.1:${port}`, requests, connections: opts.connections ?? 20, pipelining: 1 };
  await autocannon({ ...base, duration: 2 });
  const r = await autocannon({ ...base, duration: opts.seconds ?? 8 });
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

export function print(f: Figure, baseline?: Figure) {
  const ratio = baseline ? `  (${((f.rps / baseline.rps) * 100).toFixed(0)} % of ${baseline.name} req/s)` : '';
  console.log(
    `${f.name.padEnd(34)} ${f.rps.toFixed(0).padStart(7)} req/s   p50 ${String(f.p50).padStart(3)} ms   p99 ${String(f.p99).padStart(3)} ms   errors ${f.errors}${ratio}`,
  );
}

export function timeOps(name: string, fn: () => void, ms = 2000): { name: string; opsPerSec: number } {
  for (let i = 0; i < 200; i++) fn();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 100; i++) fn();
    n += 100;
  }
  return { name, opsPerSec: n / ((performance.now() - start) / 1000) };
}
