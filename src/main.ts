// Composition root: the only module that knows every adapter. The CLI calls these functions.
import { readFile, writeFile } from 'node:fs/promises'
import { createDocumentExtractor } from './adapters/documents/document-extractor.ts'
import { createScanApi } from './adapters/http-api/scan-api.ts'
import { type RunningServer, startHttpServer } from './adapters/http-api/start-http-server.ts'
import { loadOrganisationOptions } from './adapters/org-data/load-organisation-options.ts'
import { openHashKey } from './adapters/system/open-hash-key.ts'
import { buildFingerprintsFromCsv } from './app/build-fingerprints.ts'
import { type DocumentInput, type DocumentScan, scanDocument } from './app/scan-document.ts'
import {
  createDetectionEngine,
  type DetectionEngine,
  type ScanOptions,
} from './core/detection/create-engine.ts'
import { createDefaultDetectors } from './core/detectors/index.ts'
import { toFingerprintFile } from './core/detectors/organisation/index.ts'

/** The package version, reported by `--version` and /healthz. */
export const version = '0.1.0'

/** Organisation data and scoring the scanner is built with. */
export interface ScannerSetup {
  readonly dictionaryFiles?: readonly string[]
  readonly fingerprintFiles?: readonly string[]
  readonly fingerprintKey?: string | undefined
  readonly minScore?: number | undefined
}

/** The detection engine plus document scanning, ready to use. */
export interface Scanner {
  readonly engine: DetectionEngine
  scanDocument(input: DocumentInput, options?: ScanOptions): Promise<DocumentScan>
}

/** Builds the scanner: built-in detectors plus the organisation's dictionaries and fingerprints. */
export async function openScanner(setup: ScannerSetup = {}): Promise<Scanner> {
  const organisation = await loadOrganisationOptions({
    dictionaryFiles: setup.dictionaryFiles ?? [],
    fingerprintFiles: setup.fingerprintFiles ?? [],
    fingerprintKey: setup.fingerprintKey,
  })
  const engine = createDetectionEngine(createDefaultDetectors(organisation), setup.minScore)
  const extractor = createDocumentExtractor()
  return { engine, scanDocument: (input, options) => scanDocument({ engine, extractor }, input, options) }
}

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
