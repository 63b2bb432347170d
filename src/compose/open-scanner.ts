// Builds the detection engine with the organisation's dictionaries and fingerprints, plus document scanning.
import { createDocumentExtractor } from '../adapters/documents/document-extractor.ts'
import { loadOrganisationOptions } from '../adapters/org-data/load-organisation-options.ts'
import { type DocumentInput, type DocumentScan, scanDocument } from '../app/scan-document.ts'
import {
  createDetectionEngine,
  type DetectionEngine,
  type ScanOptions,
} from '../core/detection/create-engine.ts'
import { createDefaultDetectors } from '../core/detectors/index.ts'

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
