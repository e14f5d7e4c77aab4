import { createApplicantLogin, createStaffAccounts, registerApplicant } from '../accounts/service.js';
import { getDepartment, importDepartments, importLicenseTypes, saveItems } from '../catalog/service.js';
import { importHalls } from '../hall/service.js';
import { seedDemoLicenses, seedLicenseScenarios } from '../licenses/seed.js';
import { hashPassword } from '../platform/auth/password.js';
import { seedCalendar } from '../platform/calendar/seed.js';
import { systemActor } from '../platform/actor.js';
import type { Clock } from '../platform/clock.js';
import type { Ctx } from '../platform/context.js';
import type { Database } from '../platform/db/database.js';
import { departments, items, licenseTypes } from './catalog-data.js';
import { demoHalls } from './halls.js';
import { DEMO_PASSWORD, demoApplicants, demoStaff } from './people.js';

/** The seed acts as the system administrator; its audit records say so. */
const SEED_ACTOR = systemActor('system', '系统初始化');

export interface SeedOptions {
  /** 'fast' hashes the shared demo password with a low scrypt cost (tests only) */
  passwordCost?: 'fast' | 'normal';
}

/** Loads the demo district (罗庄区) through the modules' own services, in dependency order. */
export async function seedDemo(database: Database, clock: Clock, opts: SeedOptions = {}) {
  const ctx: Ctx = { db: database.db, dialect: database.dialect, clock, actor: SEED_ACTOR, ip: null, log: console };
  await seedCalendar(database.db);
  await importDepartments(ctx, departments);
  await importLicenseTypes(ctx, licenseTypes);
  await saveItems(ctx, items);

  const hallIds = await importHalls(ctx, demoHalls(departments));
  const deptIds = new Map<string, string>();
  for (const d of departments) deptIds.set(d.code, (await getDepartment(ctx, d.code)).id);

  // Every demo account shares the one public demo password: hash it once.
  const hash = await hashPassword(DEMO_PASSWORD, opts.passwordCost === 'fast' ? 1024 : undefined);
  const codes = departments.map((d) => d.code).sort();
  await createStaffAccounts(
    ctx,
    demoStaff(
      {
        departmentCodes: codes,
        departmentId: (code) => deptIds.get(code)!,
        departmentCodeMatching: (k) => departments.find((d) => d.name.includes(k))?.code ?? codes[0],
        hallId: (code) => hallIds.get(code)!,
      },
      { hash },
    ),
  );
  for (const { login, ...a } of demoApplicants) {
    const registered = await registerApplicant(ctx, a);
    if (login) await createApplicantLogin(ctx, registered.id, hash);
  }
  await seedLicenseScenarios(ctx);
  await seedDemoLicenses(ctx);
  return { departments: departments.length, items: items.length, halls: hallIds.size };
}
