import { parseArgs } from 'node:util'
import { loadEnvConfig } from '../config/load-env-config.ts'
import { openScanner, startScanServer } from '../main.ts'
import { UsageError } from './usage-error.ts'

/** Help text of `sluice serve`. */
export const serveUsage = `usage: sluice serve [--host H] [--port P] [--dictionary FILE]... [--fingerprints FILE]...
  Serves the scan API: POST /v1/scan, POST /v1/redact, POST /v1/restore, GET /healthz.
  Defaults: 127.0.0.1:8080, data in ./data (env SLUICE_HOST, SLUICE_PORT, SLUICE_DATA_DIR).
`

/** Runs `sluice serve` until SIGINT/SIGTERM. */
export async function runServeCommand(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      dictionary: { type: 'string', multiple: true, default: [] },
      fingerprints: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(serveUsage)
    return 0
  }
  let config: ReturnType<typeof loadEnvConfig>
  try {
    config = loadEnvConfig({
      ...env,
      ...(values.host === undefined ? {} : { SLUICE_HOST: values.host }),
      ...(values.port === undefined ? {} : { SLUICE_PORT: values.port }),
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const scanner = await openScanner({
    dictionaryFiles: values.dictionary,
    fingerprintFiles: values.fingerprints,
    fingerprintKey: config.SLUICE_FINGERPRINT_KEY,
    minScore: config.SLUICE_MIN_SCORE,
  })
  const log = (line: string): void => void process.stderr.write(`${new Date().toISOString()} ${line}\n`)
  const server = await startScanServer({
    host: config.SLUICE_HOST,
    port: config.SLUICE_PORT,
    dataDir: config.SLUICE_DATA_DIR,
    hashKey: config.SLUICE_HASH_KEY,
    scanner,
    log,
  })
  log(`sluice listening on ${server.url} (scan API: POST /v1/scan, /v1/redact, /v1/restore; GET /healthz)`)
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      log('shutting down')
      void server.close().then(resolve)
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  return 0
}
