import { sql, type Kysely } from 'kysely';
import type { Migrations } from '../platform/db/migrate.js';

export const hallMigrations: Migrations = {
  '3001_halls': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('halls')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('tier', 'text', (c) => c.notNull()) // district | branch | town | village | partner
        .addColumn('parent_id', 'text', (c) => c.references('halls.id'))
        .addColumn('division_code', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('phone', 'text')
        .addColumn('hours', 'text', (c) => c.notNull())
        .addColumn('areas', 'text', (c) => c.notNull()) // JSON: self_service, 24h, …
        .addColumn('departments', 'text', (c) => c.notNull()) // JSON: department codes stationed here
        .addColumn('sort', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('halls_parent').on('halls').column('parent_id').execute();
      await db.schema
        .createTable('windows')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('hall_id', 'text', (c) => c.notNull().references('halls.id'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull()) // intake | consult | certificate | assist
        .addColumn('open', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex('windows_hall_number').on('windows').columns(['hall_id', 'number']).unique().execute();
    },
  },
  /**
   * Queue and calling: windows get the categories they serve and the clerk signed in; tickets,
   * their daily number counters, ticket → case links, and the hall event log the displays follow.
   */
  '3002_queue': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('windows').addColumn('categories', 'text', (c) => c.notNull().defaultTo('[]')).execute();
      for (const [kind, cat] of [['intake', 'A'], ['consult', 'B'], ['certificate', 'C'], ['assist', 'D']]) {
        await sql`update windows set categories = ${JSON.stringify([cat])} where kind = ${kind}`.execute(db);
      }
      await db.schema.alterTable('windows').addColumn('staff_id', 'text').execute();
      await db.schema.alterTable('windows').addColumn('staff_name', 'text').execute();
      await db.schema.alterTable('windows').addColumn('signed_in_at', 'text').execute();
      // a clerk works one window at a time
      await db.schema.createIndex('windows_staff').on('windows').column('staff_id').unique().execute();

      await db.schema
        .createTable('ticket_counters')
        .addColumn('hall_id', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('last', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('ticket_counters_pk', ['hall_id', 'date', 'category'])
        .execute();

      await db.schema
        .createTable('tickets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('hall_id', 'text', (c) => c.notNull().references('halls.id'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('priority', 'integer', (c) => c.notNull())
        .addColumn('priority_reasons', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('applicant_id', 'text')
        .addColumn('id_number', 'text')
        .addColumn('appointment_id', 'text')
        .addColumn('window_id', 'text')
        .addColumn('target_window_id', 'text')
        .addColumn('clerk_id', 'text')
        .addColumn('clerk_name', 'text')
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('called_at', 'text')
        .addColumn('last_called_at', 'text')
        .addColumn('serving_at', 'text')
        .addColumn('finished_at', 'text')
        .addColumn('recalls', 'integer', (c) => c.notNull())
        .addColumn('transferred_from', 'text')
        .addColumn('transferred_to', 'text')
        .addColumn('issued_by', 'text')
        .execute();
      // the calling order walks this index: hall, today, waiting, priority first, then first come
      await db.schema
        .createIndex('tickets_queue')
        .on('tickets')
        .columns(['hall_id', 'status', 'date', 'priority desc', 'issued_at', 'id'])
        .execute();
      await db.schema.createIndex('tickets_window').on('tickets').columns(['window_id', 'status']).execute();
      await db.schema.createIndex('tickets_hall_day').on('tickets').columns(['hall_id', 'date', 'last_called_at']).execute();
      // one number per hall and day (a transferred ticket keeps its number: its follow-up is exempt)
      await sql`create unique index tickets_number on tickets (hall_id, date, number) where transferred_from is null`.execute(db);

      await db.schema
        .createTable('ticket_cases')
        .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
        .addColumn('case_no', 'text', (c) => c.notNull())
        .addColumn('linked_at', 'text', (c) => c.notNull())
        .addColumn('linked_by', 'text')
        .addPrimaryKeyConstraint('ticket_cases_pk', ['ticket_id', 'case_no'])
        .execute();
      await db.schema.createIndex('ticket_cases_case').on('ticket_cases').column('case_no').execute();

      // What the displays follow. `seq` comes from the single head row, taken under its row lock
      // until commit, so seq order is commit order on both databases (a poller never skips one).
      await db.schema
        .createTable('hall_events')
        .addColumn('seq', 'integer', (c) => c.primaryKey())
        .addColumn('hall_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('hall_events_hall').on('hall_events').columns(['hall_id', 'seq']).execute();
      await db.schema
        .createTable('hall_event_head')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .execute();
      await db.insertInto('hall_event_head' as never).values({ id: 1, seq: 0 } as never).execute();
    },
  },
  /** Appointments: slots with capacity, bookings (one active per person, category and day). */
  '3003_appointments': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('appointment_slots')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('hall_id', 'text', (c) => c.notNull().references('halls.id'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('start_time', 'text', (c) => c.notNull())
        .addColumn('end_time', 'text', (c) => c.notNull())
        .addColumn('capacity', 'integer', (c) => c.notNull())
        .addColumn('booked', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('appointment_slots_key')
        .on('appointment_slots')
        .columns(['hall_id', 'date', 'category', 'start_time'])
        .unique()
        .execute();
      await db.schema
        .createTable('appointments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slot_id', 'text', (c) => c.notNull().references('appointment_slots.id'))
        .addColumn('hall_id', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('start_time', 'text', (c) => c.notNull())
        .addColumn('end_time', 'text', (c) => c.notNull())
        .addColumn('holder_key', 'text', (c) => c.notNull())
        .addColumn('holder_kind', 'text', (c) => c.notNull())
        .addColumn('applicant_id', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('booked_by', 'text')
        .addColumn('booked_at', 'text', (c) => c.notNull())
        .addColumn('cancelled_at', 'text')
        .addColumn('checked_in_at', 'text')
        .addColumn('no_show_at', 'text')
        .addColumn('ticket_id', 'text')
        .addColumn('rescheduled_from', 'text')
        .execute();
      await sql`create unique index appointments_one_active on appointments (holder_key, category, date) where status in ('booked', 'checked_in')`.execute(db);
      await db.schema.createIndex('appointments_slot').on('appointments').columns(['slot_id', 'status']).execute();
      await db.schema.createIndex('appointments_hall_day').on('appointments').columns(['hall_id', 'date', 'status']).execute();
      await db.schema.createIndex('appointments_applicant').on('appointments').columns(['applicant_id', 'date']).execute();
      await db.schema.createIndex('appointments_holder').on('appointments').columns(['holder_key', 'status']).execute();
    },
  },
  /**
   * Waiting tickets per hall, day and category, kept in step by every change from or to
   * `waiting` in the same transaction: displays and calls read a row instead of counting a queue.
   */
  '3004_queue_counts': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('queue_counts')
        .addColumn('hall_id', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('waiting', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('queue_counts_pk', ['hall_id', 'date', 'category'])
        .execute();
      // the event log is read by seq only (pollers, catch-up): one index less to write per call
      await db.schema.dropIndex('hall_events_hall').execute();
      await sql`insert into queue_counts (hall_id, date, category, waiting)
        select hall_id, date, category, count(*) from tickets where status = 'waiting' group by hall_id, date, category`.execute(db);
    },
  },
};
