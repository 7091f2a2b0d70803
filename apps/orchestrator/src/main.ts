import 'reflect-metadata';
import { createApp } from './bootstrap/create-app';
import { EmbeddedPostgresError } from './bootstrap/embedded-postgres.error';
import { createLogger } from './bootstrap/create-logger';
import { startRuntime } from './bootstrap/start-runtime';
import { InvalidConfigError } from './config/invalid-config.error';
import { loadConfig } from './config/load-config';
import type { RetraceConfig } from './config/retrace-config';

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const logger = createLogger(config.logLevel);
  if (config.apiKeys.length === 0) {
    logger.warn(
      `AUTHENTICATION IS OFF: RETRACE_API_KEYS is unset, so anyone who can reach ${config.host}:${config.port} ` +
        'can publish, undo and replay messages. Set RETRACE_API_KEYS before exposing Retrace.',
      'Config',
    );
  }
  const runtime = await startRuntime(config, logger);
  try {
    const app = await createApp(runtime, { logger });
    // SIGTERM/SIGINT: close workers, loops and the runtime in order, then exit 0 (Nest's default re-raises the signal).
    app.enableShutdownHooks([], { useProcessExit: true });
    await app.listen(config.port, config.host);
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    logger.log(`Retrace listening on http://${host}:${config.port} (health: /health)`, 'Main');
  } catch (error) {
    await runtime.close();
    throw error;
  }
}

function readConfigOrExit(): RetraceConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof InvalidConfigError)) throw error;
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
}

main().catch((error: unknown) => {
  // An error that already says what to do needs no stack trace.
  console.error(error instanceof EmbeddedPostgresError ? error.message : error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
