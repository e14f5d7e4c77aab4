import { join } from 'node:path';
import { ensureFirstAdmin, countAccounts } from './accounts/service.js';
import { buildApp } from './app.js';
import { deemAcceptance } from './cases/service.js';
import { hallSweep } from './hall/service.js';
import { expireLicenses } from './licenses/service.js';
import { allMigrations } from './migrations.js';
import { verifyAudit } from './platform/audit.js';
import { systemClock } from './platform/clock.js';
import { loadConfig } from './platform/config.js';
import { openDatabase } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { adapterFromEnv } from './platform/outbox/adapters.js';
import { startOutboxWorker } from './platform/outbox/worker.js';
import { seedDemoActivity } from './seed/activity.js';
import { seedDemo } from './seed/demo.js';
import { DEMO_PASSWORD, demoApplicants } from './seed/people.js';

const USAGE = `onewindow <command>
  serve          migrate, seed the demo district when empty (unless NODE_ENV=production), serve :3000
  migrate        apply database migrations
  seed           load the demo district into an empty database
  audit verify   check the audit hash chain; exit 1 and name the first broken record
Environment: DATABASE_URL (postgres://… ; unset = SQLite ./data/onewindow.db), PORT, DATA_DIR, NODE_ENV`;

async function main(argv: string[]) {
  const [command = 'serve', sub] = argv;
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl, config.dataDir, { backgroundCheckpoints: command === 'serve' });
  const ctx = { db: database.db, dialect: database.dialect, clock: systemClock, actor: null, ip: null, log: console };
  try {
    switch (command) {
      case 'migrate': {
        const applied = await migrateToLatest(database.db, allMigrations);
        console.log(`${database.label}: ${applied.length ? applied.join(', ') : 'up to date'}`);
        return 0;
      }
      case 'seed': {
        await migrateToLatest(database.db, allMigrations);
        if ((await countAccounts(database.db)) > 0) {
          console.error('The database is not empty; the demo district is only loaded into an empty one.');
          return 1;
        }
        console.log(await seedDemo(database, systemClock));
        console.log(await seedDemoActivity(database, systemClock));
        return 0;
      }
      case 'audit': {
        if (sub !== 'verify') break;
        const verdict = await verifyAudit(database.db);
        console.log(JSON.stringify(verdict));
        return verdict.ok ? 0 : 1;
      }
      case 'serve': {
        await migrateToLatest(database.db, allMigrations);
        let banner: string[] = [];
        if (config.demo) {
          if ((await countAccounts(database.db)) === 0) {
            console.log('Empty database: loading the demo district 罗庄区 …');
            const r = await seedDemo(database, systemClock);
            await seedDemoActivity(database, systemClock);
            console.log(`  ${r.departments} departments, ${r.items} service items, ${r.halls} halls and service points`);
          }
          banner = demoBanner();
        } else {
          const password = await ensureFirstAdmin(ctx);
          if (password) banner = [`First start: account "admin", one-time password: ${password}`, 'It must be changed at first login.'];
        }
        const app = await buildApp({
          database,
          config,
          logger: { level: config.logLevel },
          webDir: join(process.cwd(), 'web', 'dist'),
        });
        await app.listen({ port: config.port, host: config.host });
        const outbox = startOutboxWorker({ db: database.db, adapter: adapterFromEnv(config.dataDir, app.log), log: app.log });
        // day rules, applied hourly and at start: 行政许可法 §32 (online submissions not pre-reviewed in
        // 5 working days count as accepted) and 04 过期 recorded for licences past their last day
        const daySweep = () => {
          deemAcceptance(ctx).catch((err) => app.log.error({ err }, 'deemed-acceptance sweep'));
          expireLicenses(ctx).catch((err) => app.log.error({ err }, 'licence expiry sweep'));
        };
        daySweep();
        setInterval(daySweep, 3_600_000).unref();
        // hall: no-shows of appointments, tickets left open overnight, appointment reminders
        setInterval(() => hallSweep(ctx).catch((err) => app.log.error({ err }, 'hall sweep')), 60_000).unref();
        const { port } = app.server.address() as { port: number }; // the real one when PORT=0
        console.log(`OneWindow 一窗通 on ${database.label} at http://localhost:${port}`);
        for (const line of banner) console.log(line);
        const stop = async () => {
          await outbox.stop();
          await app.close();
          await database.close();
          process.exit(0);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        return null; // keep running
      }
    }
    console.error(USAGE);
    return 2;
  } finally {
    if (command !== 'serve') await database.close();
  }
}

function demoBanner(): string[] {
  return [
    `Demo accounts (password: ${DEMO_PASSWORD}):`,
    '  admin · leader · manager01 · clerk01…clerk26 (intake) · cert01, cert02 (certificates)',
    '  approver01…approver34 (one per department; approver01 = 区行政审批服务局) · assist01…assist26',
    '  supervisor01, supervisor02 · catalog01 · town01…town08 (town centre clerks)',
    '  applicants (portal; username = ID number / USCC):',
    ...demoApplicants
      .filter((a) => a.login)
      .map((a) => `    ${a.kind === 'person' ? a.idNumber : a.uscc}  ${a.name}`),
  ];
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== null) process.exit(code);
  },
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
