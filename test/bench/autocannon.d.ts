// The little of autocannon's API the bench uses.
declare module 'autocannon' {
  interface Options {
    url: string;
    requests?: { method: 'GET' | 'POST'; path: string; body?: string; headers?: Record<string, string> }[];
    connections?: number;
    pipelining?: number;
    duration?: number;
    amount?: number;
    headers?: Record<string, string>;
  }
  interface Result {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number; average: number };
    errors: number;
    non2xx: number;
  }
  export default function autocannon(opts: Options): Promise<Result>;
}
