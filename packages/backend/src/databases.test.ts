import { TestDatabases } from '@backstage/backend-test-utils';

// The plugins' stores are tested on every database that CI provides: SQLite
// always, PostgreSQL 15 where .ci/run started it. This proves that plumbing.
describe('test databases', () => {
  const databases = TestDatabases.create({
    ids: ['POSTGRES_15', 'SQLITE_3'],
  });

  it.each(databases.eachSupportedId())(
    'runs a query on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);

      await knex.schema.createTable('probe', table => {
        table.string('name').primary();
      });
      await knex('probe').insert({ name: 'cos-auditd' });

      await expect(knex('probe').select('name')).resolves.toEqual([
        { name: 'cos-auditd' },
      ]);
    },
  );

  it('includes PostgreSQL 15 whenever CI provides it', () => {
    const expected = process.env
      .BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
      ? ['POSTGRES_15', 'SQLITE_3']
      : ['SQLITE_3'];

    expect(databases.eachSupportedId().map(([id]) => id)).toEqual(expected);
  });
});
