/** Who may do what to the catalog. One function per action; services and routes ask these. */
import { hasRole, isAdmin, type Actor } from '../platform/actor.js';
import { forbidden, unauthenticated } from '../platform/problem.js';

/** Anyone, signed in or not, may read the catalog (the portal shows guides to the public). */
export const canReadCatalog = (_actor: Actor | null): boolean => true;

/** May this actor edit items at all (before we know which)? admin, or a department catalog editor. */
export function canEditSomeItems(actor: Actor | null): boolean {
  if (!actor) return false;
  if (isAdmin(actor)) return true;
  return actor.kind === 'staff' && hasRole(actor, 'catalog') && !!actor.departmentId;
}

/** Create or change an item of the department with this id: admin, or that department's catalog editor. */
export function canEditItem(actor: Actor | null, item: { departmentId: string }): boolean {
  if (!actor) return false;
  if (isAdmin(actor)) return true;
  return actor.kind === 'staff' && hasRole(actor, 'catalog') && !!actor.departmentId && actor.departmentId === item.departmentId;
}

/** Departments and licence types are reference data: admin only. */
export const canEditReferenceData = (actor: Actor | null): boolean => isAdmin(actor);

/** Whole-catalog export and import: admin only. */
export const canExportCatalog = (actor: Actor | null): boolean => isAdmin(actor);
export const canImportCatalog = (actor: Actor | null): boolean => isAdmin(actor);

/** 401 when nobody is signed in, else 403 with the reason. */
export function assertAllowed(actor: Actor | null, allowed: boolean, why: { zh: string; en: string }): void {
  if (allowed) return;
  if (!actor) throw unauthenticated();
  throw forbidden(why);
}

export const WHY = {
  editItem: { zh: '只有系统管理员或本部门事项管理员可以编辑该事项', en: "Only an admin or the item's own department catalog editor may edit this item" },
  reference: { zh: '只有系统管理员可以维护部门和证照类型', en: 'Only an admin may maintain departments and licence types' },
  exportImport: { zh: '只有系统管理员可以导入导出事项目录', en: 'Only an admin may import or export the catalog' },
};
