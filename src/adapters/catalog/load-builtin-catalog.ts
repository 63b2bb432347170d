import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { SluiceError } from '../../app/errors.ts'
import type { CatalogEntry, CatalogFile } from '../../core/catalog/catalog-schema.ts'
import { parseCatalogFile } from '../../core/catalog/catalog-schema.ts'

/** Where the shipped catalog lives: `catalog/ai-services.json` at the project root, found from this module. */
export const builtinCatalogUrl = new URL('../../../catalog/ai-services.json', import.meta.url)

/**
 * Reads and validates a catalog file. Any failure (unreadable, not JSON, invalid) is a SluiceError whose
 * message names the file and, for invalid data, the entry id and field.
 */
export async function readCatalogFile(
  location: URL | string,
  code: 'INTERNAL' | 'CONFIG_INVALID',
): Promise<CatalogFile> {
  const path = location instanceof URL ? fileURLToPath(location) : location
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (cause) {
    throw new SluiceError(code, `${path}: cannot read the catalog (${(cause as Error).message})`, { cause })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (cause) {
    throw new SluiceError(code, `${path}: the catalog is not valid JSON (${(cause as Error).message})`, {
      cause,
    })
  }
  try {
    return parseCatalogFile(json)
  } catch (cause) {
    throw new SluiceError(code, `${path}: ${(cause as Error).message}`, { cause })
  }
}

/** The built-in catalog's entries. A broken shipped file is an INTERNAL error: the package is damaged. */
export async function loadBuiltinCatalog(): Promise<CatalogEntry[]> {
  return [...(await readCatalogFile(builtinCatalogUrl, 'INTERNAL')).services]
}
