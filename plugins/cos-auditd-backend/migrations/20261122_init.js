// @ts-check

/**
 * The history of apply and remove operations, and the per-cluster locks that
 * let only one of them run at a time across backend instances.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('cos_auditd_operations', table => {
    table.comment('Applies and removals of audit logging, kept as history');
    table.string('id', 36).primary().comment('A random UUID');
    table
      .string('entity_ref')
      .notNullable()
      .comment('The cluster entity it ran on');
    table.string('kind', 16).notNullable().comment('apply or remove');
    table.string('actor').notNullable().comment('Who ran it');
    table.boolean('dry_run').notNullable();
    table.text('spec').nullable().comment('JSON FilterSpec, for apply');
    table.string('mode', 32).nullable().comment('RemoveMode, for remove');
    table
      .string('outcome', 16)
      .notNullable()
      .comment('running, succeeded or failed');
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.text('changes').notNullable().comment('JSON ResourceChange[]');
    table.text('nodes').notNullable().comment('JSON NodeOutcome[]');
    table.text('recreation').notNullable().comment('JSON RecreationPlan[]');
    table.text('messages').notNullable().comment('JSON string[]');
    table.text('error').nullable().comment('JSON { name, message }');
    table.index(
      ['entity_ref', 'started_at'],
      'cos_auditd_operations_entity_idx',
    );
  });

  await knex.schema.createTable('cos_auditd_locks', table => {
    table.comment('The operation running on each busy cluster');
    table
      .string('entity_ref')
      .primary()
      .comment(
        'Its primary key is what lets only one operation hold a cluster',
      );
    table
      .string('operation_id', 36)
      .notNullable()
      .references('id')
      .inTable('cos_auditd_operations')
      .onDelete('CASCADE');
    table
      .timestamp('expires_at', { useTz: true })
      .notNullable()
      .comment(
        'Heartbeats push this on; past it, another instance may take over',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('cos_auditd_locks');
  await knex.schema.dropTable('cos_auditd_operations');
};
