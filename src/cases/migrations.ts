import type { Kysely } from 'kysely';
import type { Migrations } from '../platform/db/migrate.js';

/**
 * 办件 tables (5xxx). Portable types only: text (ISO instants, YYYY-MM-DD dates, JSON), integer.
 * - cases: the current state, one row per case, case_no the primary key;
 * - case_materials: the checklist of each case;
 * - case_events: every transition (append-only);
 * - case_sequences: the daily counter behind case numbers (bumped atomically in the intake transaction);
 */
export const casesMigrations: Migrations = {
  '5001_cases': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('cases')
        .addColumn('case_no', 'text', (c) => c.primaryKey())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('item_code', 'text', (c) => c.notNull())
        .addColumn('item_version', 'integer', (c) => c.notNull())
        .addColumn('item_name', 'text', (c) => c.notNull())
        .addColumn('case_kind', 'integer', (c) => c.notNull())
        .addColumn('department_code', 'text', (c) => c.notNull())
        .addColumn('department_id', 'text', (c) => c.notNull())
        .addColumn('applicant_id', 'text', (c) => c.notNull())
        .addColumn('applicant_kind', 'text', (c) => c.notNull())
        .addColumn('applicant_name', 'text', (c) => c.notNull())
        .addColumn('applicant_code', 'text', (c) => c.notNull())
        .addColumn('applicant_phone', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('intake_hall_id', 'text')
        .addColumn('routed_to', 'text')
        .addColumn('instant', 'integer', (c) => c.notNull())
        .addColumn('delivery_preference', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('submitted_at', 'text')
        .addColumn('deem_on', 'text')
        .addColumn('accepted_on', 'text')
        .addColumn('accepted_at', 'text')
        .addColumn('accepted_by', 'text')
        .addColumn('deemed', 'integer', (c) => c.notNull())
        .addColumn('promised_limit', 'integer', (c) => c.notNull())
        .addColumn('legal_limit', 'integer', (c) => c.notNull())
        .addColumn('extension_days', 'integer', (c) => c.notNull())
        .addColumn('suspended_days', 'integer', (c) => c.notNull())
        .addColumn('suspension', 'text')
        .addColumn('step_index', 'integer')
        .addColumn('step_count', 'integer', (c) => c.notNull())
        .addColumn('step_claimed_by', 'text')
        .addColumn('step_claimed_name', 'text')
        .addColumn('promised_due', 'text')
        .addColumn('legal_due', 'text')
        .addColumn('warn_on', 'text')
        .addColumn('paused_colour', 'text')
        .addColumn('notice', 'text')
        .addColumn('refusal_reason', 'text')
        .addColumn('decision', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('issued_at', 'text')
        .addColumn('certificate_no', 'text')
        .addColumn('license_id', 'text')
        .addColumn('license_identifier', 'text')
        .addColumn('delivery_mode', 'text')
        .addColumn('delivery', 'text')
        .addColumn('delivered_at', 'text')
        .addColumn('concluded_at', 'text')
        .addColumn('closed_reason', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // data scopes and work lists, each led by the scope column
      await db.schema.createIndex('cases_department').on('cases').columns(['department_id', 'status', 'promised_due']).execute();
      await db.schema.createIndex('cases_hall').on('cases').columns(['intake_hall_id', 'status', 'created_at']).execute();
      await db.schema.createIndex('cases_applicant').on('cases').columns(['applicant_id', 'created_at']).execute();
      await db.schema.createIndex('cases_status').on('cases').columns(['status', 'updated_at']).execute();
      await db.schema.createIndex('cases_created').on('cases').columns(['created_at']).execute();

      await db.schema
        .createTable('case_materials')
        .addColumn('case_no', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('required', 'integer', (c) => c.notNull())
        .addColumn('satisfied_by', 'text')
        .addColumn('files', 'text', (c) => c.notNull())
        .addColumn('paper_seen', 'integer', (c) => c.notNull())
        .addColumn('license_id', 'text')
        .addColumn('license_identifier', 'text')
        .addColumn('deferred_until', 'text')
        .addColumn('supplied_at', 'text')
        .addPrimaryKeyConstraint('case_materials_pk', ['case_no', 'code'])
        .execute();

      await db.schema
        .createTable('case_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_no', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_name', 'text')
        .addColumn('actor_role', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('step_index', 'integer')
        .addColumn('reason', 'text')
        .addColumn('detail', 'text')
        .execute();
      // one event per version: a second writer of the same version fails here at the latest
      await db.schema.createIndex('case_events_case').on('case_events').columns(['case_no', 'version']).unique().execute();
      await db.schema.createIndex('case_events_at').on('case_events').columns(['at']).execute();

      await db.schema
        .createTable('case_sequences')
        .addColumn('day', 'text', (c) => c.primaryKey())
        .addColumn('last', 'integer', (c) => c.notNull())
        .execute();

    },
  },
  '5002_cases_inbox_index': {
    // The office inbox sorts a department's open cases by due date: with case_no in the index the
    // sort and the page run on the index alone, and only the page's rows are read.
    async up(db: Kysely<unknown>) {
      await db.schema.dropIndex('cases_department').execute();
      await db.schema.createIndex('cases_department').on('cases').columns(['department_id', 'status', 'promised_due', 'case_no']).execute();
    },
  },
};
