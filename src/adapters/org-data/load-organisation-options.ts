import { readFile } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { SluiceError } from '../../app/errors.ts'
import {
  type Dictionary,
  describeFingerprintFileError,
  fingerprintKeyMatches,
  type KeyedFingerprintSet,
  type OrganisationOptions,
  parseFingerprintFile,
} from '../../core/detectors/organisation/index.ts'

/** Files holding the organisation's own detection data. */
export interface OrganisationFiles {
  readonly dictionaryFiles: readonly string[]
  readonly fingerprintFiles: readonly string[]
  readonly fingerprintKey: string | undefined
}

/**
 * Reads dictionaries (one term per line, '#' comments; named after the file) and fingerprint files
 * (from `sluice fingerprint build`, checked against the key so a wrong key is an error, not silence).
 */
export async function loadOrganisationOptions(files: OrganisationFiles): Promise<OrganisationOptions> {
  const dictionaries: Dictionary[] = []
  for (const file of files.dictionaryFiles) {
    const terms = (await readFile(file, 'utf8'))
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'))
    dictionaries.push({ name: basename(file, extname(file)), terms })
  }
  const fingerprints: KeyedFingerprintSet[] = []
  for (const file of files.fingerprintFiles) {
    const key = files.fingerprintKey
    if (!key)
      throw new SluiceError(
        'CONFIG_INVALID',
        `${file}: set SLUICE_FINGERPRINT_KEY to the key the file was built with`,
      )
    const parsed = parseFingerprintFile(await readFile(file, 'utf8'))
    if (!parsed.ok)
      throw new SluiceError('CONFIG_INVALID', `${file}: ${describeFingerprintFileError(parsed.error)}`)
    if (!fingerprintKeyMatches(parsed.value, key)) {
      throw new SluiceError(
        'CONFIG_INVALID',
        `${file}: SLUICE_FINGERPRINT_KEY is not the key this file was built with`,
      )
    }
    fingerprints.push({ set: parsed.value, key })
  }
  return { dictionaries, fingerprints }
}
