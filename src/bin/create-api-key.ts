import { parseArgs } from 'node:util';
import { loadConfig, loadPolicyPresets } from '../config.ts';
import { isScope, SCOPES, type Scope } from '../domain/access/scopes.ts';
import { isDivision } from '../domain/calendar/divisions.ts';
import { createApiKey } from '../store/api-keys.ts';
import { createDb } from '../store/database.ts';
import { migrateToLatest } from '../store/migrator.ts';
import { createOrganisation } from '../store/create-organisation.ts';
import { findOrganisation } from '../store/organisations.ts';

const USAGE = `usage: npm run create-api-key -- (--organisation <id> | --new-organisation <name> [--division england-and-wales|scotland|northern-ireland]) [--name <key name>] [--scopes ${SCOPES.join(',')}]`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    organisation: { type: 'string' },
    'new-organisation': { type: 'string' },
    division: { type: 'string', default: 'england-and-wales' },
    name: { type: 'string', default: 'created from the command line' },
    scopes: { type: 'string', default: SCOPES.join(',') },
  },
});
const scopes = values.scopes.split(',').map((s) => s.trim());
const unknown = scopes.filter((s) => !isScope(s));
if (unknown.length) fail(`unknown scope(s): ${unknown.join(', ')}`);
if (!values.organisation === !values['new-organisation']) fail('give exactly one of --organisation or --new-organisation');
if (!isDivision(values.division)) fail(`unknown division: ${values.division}`);

const db = await createDb(loadConfig(process.env).database);
try {
  await migrateToLatest(db);
  const now = new Date();
  const organisation = values.organisation
    ? await findOrganisation(db, values.organisation)
    : await createOrganisation(db, { name: values['new-organisation'] ?? '', division: values.division, now, presets: loadPolicyPresets() });
  if (!organisation) fail(`no organisation ${values.organisation}`);
  const key = await createApiKey(db, { organisationId: organisation.id, name: values.name, scopes: scopes as Scope[], now });
  process.stdout.write(
    `organisation: ${organisation.id} (${organisation.name})\nscopes: ${key.scopes.join(', ')}\n` +
      `api key (shown only once): ${key.secret}\n`,
  );
} finally {
  await db.destroy();
}
