import { onetDatabase, syntheticDatabase } from './data';

/** Builds (or finds cached) the benchmark databases: `npm run bench:prepare`. */
async function main(): Promise<void> {
  const which = process.argv[2];
  if (which !== 'synthetic') console.log(await onetDatabase(console.log));
  if (which !== 'onet') console.log((await syntheticDatabase(console.log)).path);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
