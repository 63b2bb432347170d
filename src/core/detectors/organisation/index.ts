import type { Detector } from '../../detection/detector.ts'
import { createDictionaryDetector, type Dictionary } from './dictionary-detector.ts'
import { createFingerprintDetector } from './fingerprint-detector.ts'
import type { FingerprintSet } from './fingerprint-set.ts'

export { createDictionaryDetector, type Dictionary, normalizeTerm } from './dictionary-detector.ts'
export { createFingerprintDetector, exactDataScore, fingerprintKeyMatches } from './fingerprint-detector.ts'
export {
  describeFingerprintFileError,
  type FingerprintFileError,
  parseFingerprintFile,
  toFingerprintFile,
} from './fingerprint-file.ts'
export {
  buildFingerprintSet,
  type FingerprintBuild,
  type FingerprintBuildError,
  type FingerprintSet,
  type FingerprintShape,
  type FingerprintSource,
} from './fingerprint-set.ts'

/** A fingerprint set with the organisation key it was built with (the key is needed to scan). */
export interface KeyedFingerprintSet {
  readonly set: FingerprintSet
  readonly key: string | Uint8Array
}

/** Organisation-defined detection: dictionaries of terms and exact-data fingerprints. */
export interface OrganisationOptions {
  readonly dictionaries?: readonly Dictionary[]
  readonly fingerprints?: readonly KeyedFingerprintSet[]
}

/**
 * Builds the organisation's own detectors: one automaton over all dictionaries (a single pass
 * whatever their number), and one detector per fingerprint set.
 */
export function createOrganisationDetectors(options: OrganisationOptions): Detector[] {
  const detectors: Detector[] = []
  const dictionaries = options.dictionaries ?? []
  if (dictionaries.some((d) => d.terms.length > 0)) detectors.push(createDictionaryDetector(dictionaries))
  for (const { set, key } of options.fingerprints ?? []) detectors.push(createFingerprintDetector(set, key))
  return detectors
}
