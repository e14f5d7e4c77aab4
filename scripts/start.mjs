// npm start: build the web app if needed, then migrate, seed (demo) and serve on :3000.
import { spawn } from 'node:child_process';
import { ensureWebBuilt } from './web-build.mjs';

ensureWebBuilt();
const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
