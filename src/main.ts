// Composition root: the only module that knows every adapter. The CLI calls these functions.
import { readFile, writeFile } from 'node:fs/promises'
import { createDocumentExtractor } from './adapters/documents/document-extractor.ts'
import { createScanApi } from './adapters/http-api/scan-api.ts'
import { type RunningServer, startHttpServer } from './adapters/http-api/start-http-server.ts'
import { openHashKey } from './adapters/system/open-hash-key.ts'
import { buildFingerprintsFromCsv } from './app/build-fingerprints.ts'
import type { Scanner } from './compose/open-scanner.ts'
import { version } from './compose/version.ts'
import { toFingerprintFile } from './core/detectors/organisation/index.ts'

export {
  openLedgerSigningKey,
  readLedgerPublicKey,
} from './adapters/ledger-signing/open-ledger-signing-key.ts'
export { loadOrCreateCa } from './adapters/tls-intercept/index.ts'
export { openAuditDeps } from './compose/audit-wiring.ts'
export {
  evidenceExtras,
  loadTransfersFor,
  openCatalogLookups,
  openExistingLedger,
  readTextFile,
  subjectOfUser,
} from './compose/cli-deps.ts'
export { openDirectiveCommandStores, openGatewayDirectives } from './compose/directive-state.ts'
export { openScanner, type Scanner, type ScannerSetup } from './compose/open-scanner.ts'
export { type RunningSluice, type ServeSluiceOptions, serveSluice } from './compose/serve-sluice.ts'
export { version } from './compose/version.ts'

/** Where and how the scan API listens. */
export interface ServeOptions {
  readonly host: string
  readonly port: number
  readonly dataDir: string
  readonly hashKey?: string | undefined
  readonly scanner: Scanner
  readonly log: (line: string) => void
}

/** Starts the scan API; resolves once it listens. */
export async function startScanServer(options: ServeOptions): Promise<RunningServer> {
  const hashKey = await openHashKey(options.dataDir, options.hashKey)
  const handler = createScanApi({
    engine: options.scanner.engine,
    scanDocument: (doc, scanOptions) => options.scanner.scanDocument(doc, scanOptions),
    hashKey,
    limits: { jsonBodyBytes: 8 * 1024 * 1024, documentBodyBytes: 50 * 1024 * 1024 },
    version,
    onError: (error, requestId) =>
      options.log(
        `request ${requestId} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      ),
  })
  return startHttpServer(handler, { host: options.host, port: options.port })
}

/** What `sluice fingerprint build` needs. */
export interface FingerprintBuildRequest {
  readonly csvFile: string
  readonly outFile: string
  readonly name: string
  readonly columns?: readonly string[]
  readonly key: string
}

/** Builds a fingerprint file from a CSV; the file holds keyed hashes only. Returns counts. */
export async function buildFingerprintFile(
  request: FingerprintBuildRequest,
): Promise<{ readonly hashes: number; readonly skipped: number }> {
  const csv = new Uint8Array(await readFile(request.csvFile))
  const built = await buildFingerprintsFromCsv(createDocumentExtractor(), {
    name: request.name,
    csv,
    key: request.key,
    ...(request.columns ? { columns: request.columns } : {}),
  })
  await writeFile(request.outFile, toFingerprintFile(built.set), { mode: 0o644 })
  return { hashes: built.set.hashes.length, skipped: built.skipped }
}
