import type { Detector } from '../../detection/detector.ts'

/** The detectors of this group, in the order they run. */
export const languageDetectors: readonly Detector[] = []
