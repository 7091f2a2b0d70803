import { ChaosUsageError, parseChaosOptions } from './chaos-options';
import { runChaos } from './run-chaos';

/**
 * `npm run chaos [-- flags]`: the long fault suite. Exit 0 when the run is clean, 1 when anything
 * was lost, duplicated or stuck (or a history is unsound), 2 on a usage error, 3 when the run
 * itself could not be carried out.
 */
async function main(): Promise<number> {
  let options;
  try {
    options = parseChaosOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof ChaosUsageError)) throw error;
    console.error(`chaos: ${error.message}`);
    return 2;
  }
  try {
    const result = await runChaos(options, (line) => console.log(line));
    return result.clean ? 0 : 1;
  } catch (error) {
    console.error(`chaos: the run could not be carried out: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 3;
  }
}

void main().then((code) => process.exit(code));
