import type { Detector } from '../../detection/detector.ts'
import { creditCardDetector } from './credit-card-detector.ts'
import { deviceIdDetector } from './device-id-detector.ts'
import { ibanDetector } from './iban-detector.ts'
import { imeiDetector } from './imei-detector.ts'
import { secretAssignmentDetector } from './secret-assignment-detector.ts'
import { secretDetector } from './secret-detector.ts'

/** The detectors of this group, in the order they run. */
export const financialDeviceDetectors: readonly Detector[] = [
  creditCardDetector,
  imeiDetector,
  ibanDetector,
  deviceIdDetector,
  secretDetector,
  secretAssignmentDetector,
]
