/**
 * Seeds the configured Firestore (the emulator when FIRESTORE_EMULATOR_HOST is set) and prints how
 * long generation and writing took: the seed's benchmark.
 *   npx tsx functions/src/local/seed/cli.ts [--today YYYY-MM-DD] [--seed text]
 */
import { parseArgs } from 'node:util';
import { createFirestore } from '../../adapters/firestore/client';
import { loadConfig } from '../../config/load-config';
import { seedDemoData } from './index';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { today: { type: 'string' }, seed: { type: 'string' } } });
  const config = loadConfig();
  const db = createFirestore(config);
  try {
    const result = await seedDemoData(db, {
      ...(values.today ? { today: values.today } : {}),
      ...(values.seed ? { seed: values.seed } : {}),
    });
    const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `Seeded project ${config.projectId} for ${result.today}: ${total} documents ${JSON.stringify(result.counts)}\n` +
        `generate ${result.generateMs} ms, write ${result.writeMs} ms, total ${result.generateMs + result.writeMs} ms\n`,
    );
  } finally {
    await db.terminate();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
