// Baseline for the display fan-out: a bare node:http SSE broadcaster (no database, no framework).
// GET /events holds a stream; POST /fire writes one event to every stream, then answers.
import http from 'node:http';

const clients = new Set<http.ServerResponse>();
let seq = 0;
const server = http.createServer((req, res) => {
  if (req.url === '/events') {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write('event: snapshot\ndata: {}\n\n');
    clients.add(res);
    req.on('close', () => clients.delete(res));
    return;
  }
  if (req.url === '/fire' && req.method === 'POST') {
    seq += 1;
    const frame = `id: ${seq}\nevent: call\ndata: ${JSON.stringify({ ticket: { id: String(seq), number: `A${seq}` }, announcement: `请A${seq}号到1号窗口办理` })}\n\n`;
    for (const c of clients) c.write(frame);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ticket: { id: String(seq) } }));
    return;
  }
  res.writeHead(404).end();
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening ${(server.address() as { port: number }).port}`);
});
