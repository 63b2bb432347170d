// What `sluice audit` needs from the outside world, wired once here.
import { randomBytes } from 'node:crypto'
import { readFile, stat, writeFile } from 'node:fs/promises'
import { getDomain } from 'tldts'
import { readCapture } from '../adapters/capture/read-capture.ts'
import { loadBuiltinCatalog } from '../adapters/catalog/load-builtin-catalog.ts'
import { createIpDataLookup } from '../adapters/ip-data/ip-data-lookup.ts'
import { renderHtmlToPdf } from '../adapters/pdf-chromium/render-pdf.ts'
import type { CaptureReader } from '../app/audit/audit-ports.ts'
import { type AuditRequest, runAudit } from '../app/audit/run-audit.ts'
import { SluiceError } from '../app/errors.ts'
import { createRecipientRegistry, type RecipientRegistry } from '../core/audit/recipient-registry.ts'
import { createCatalog } from '../core/catalog/catalog.ts'
import { createDetectionEngine } from '../core/detection/create-engine.ts'
import { createDefaultDetectors } from '../core/detectors/index.ts'
import { version } from './version.ts'

/** Where the shipped registry lives: `catalog/recipients-registry.json` at the project root. */
export const recipientsRegistryUrl = new URL('../../catalog/recipients-registry.json', import.meta.url)

/** Reads and validates the shipped recipients registry; a broken file is INTERNAL (a damaged package). */
export async function loadRecipientRegistry(
  location: URL | string = recipientsRegistryUrl,
): Promise<RecipientRegistry> {
  try {
    return createRecipientRegistry(JSON.parse(await readFile(location, 'utf8')))
  } catch (cause) {
    throw new SluiceError('INTERNAL', `${String(location)}: ${(cause as Error).message}`, { cause })
  }
}

/** The capture adapter behind the audit's CaptureReader port. */
export const captureReaderAdapter: CaptureReader = {
  readCapture: (file, sink, options) =>
    readCapture(file, sink, {
      source: options.sourceIndex,
      ...(options.onProgress ? { onProgress: (bytes: number) => options.onProgress?.(bytes) } : {}),
    }),
}

/** Everything `runAuditCommand` needs (its AuditCommandDeps): the use case over the real adapters, files, PDF via Chromium. */
export async function openAuditDeps() {
  const [entries, registry] = await Promise.all([loadBuiltinCatalog(), loadRecipientRegistry()])
  const deps = {
    reader: captureReaderAdapter,
    ipLookup: createIpDataLookup(),
    catalog: createCatalog(entries),
    registry,
    engine: createDetectionEngine(createDefaultDetectors()),
    registrableDomain: (host: string) => getDomain(host) ?? undefined,
    now: () => new Date(),
    version,
    randomKey: () => new Uint8Array(randomBytes(32)),
  }
  return {
    runAudit: (request: AuditRequest) => runAudit(deps, request),
    readFile: (path: string) => readFile(path, 'utf8'),
    writeFile: (path: string, data: string | Uint8Array) => writeFile(path, data),
    fileSize: async (path: string) => {
      try {
        return (await stat(path)).size
      } catch {
        return undefined
      }
    },
    isDirectory: async (path: string) => {
      try {
        return (await stat(path)).isDirectory()
      } catch {
        return false
      }
    },
    renderPdf: (html: string) => renderHtmlToPdf(html),
  }
}
