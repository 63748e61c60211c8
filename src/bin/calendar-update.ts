// npm run calendar:update -- <feed.json> [--out <file>]
// Validates a downloaded https://www.gov.uk/bank-holidays.json and writes it over the shipped
// config/bank-holidays/bank-holidays.json (years GOV.UK no longer lists are kept from the
// current file), printing the holidays added and removed. --out writes elsewhere (dry runs).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  feedCoverage,
  formatFeedDiff,
  isCalendarError,
  planFeedUpdate,
  serializeFeed,
  validateBankHolidayFeed,
  type BankHolidayFeed,
} from '../domain/calendar/index.ts';

const SHIPPED = fileURLToPath(new URL('../../config/bank-holidays/bank-holidays.json', import.meta.url));

function refuse(message: string): never {
  console.error(`calendar:update refused: ${message}`);
  process.exit(1);
}

function load(path: string, what: string): BankHolidayFeed {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    refuse(`cannot read ${what} ${path} as JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    return validateBankHolidayFeed(parsed);
  } catch (error) {
    if (isCalendarError(error)) refuse(`${what} ${path} is not a valid GOV.UK bank holidays feed: ${error.message}`);
    throw error;
  }
}

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args[outAt + 1] : SHIPPED;
const input = args.find((a, i) => !a.startsWith('--') && (outAt < 0 || i !== outAt + 1));
if (input === undefined || out === undefined) refuse('usage: npm run calendar:update -- <feed.json> [--out <file>]');

const current = load(SHIPPED, 'the shipped file');
const incoming = load(input, 'the new feed');
const plan = planFeedUpdate(current, incoming);
if (!plan.ok) refuse(plan.reason);

writeFileSync(out, serializeFeed(plan.feed));
const { firstYear, lastYear } = feedCoverage(plan.feed);
console.log(`wrote ${out}: ${firstYear}-${lastYear}`);
if (plan.carriedOverYears.length > 0) {
  console.log(`kept ${plan.carriedOverYears[0]}-${plan.carriedOverYears.at(-1)} from the shipped data (not in the new feed)`);
}
for (const line of formatFeedDiff(plan.diff)) console.log(line);
