// Transcribed from microsoft/presidio, MIT licence,
// presidio-analyzer/tests/test_mac_recognizer.py at 096e6fd6395778b10e76cd4240819b144582a934.
import { casesOf, type VectorFile } from '../conformance-case.ts'

const t = casesOf(['MAC_ADDRESS'])

/** Presidio's MAC_ADDRESS recognizer tests. */
export const presidioMacAddress: VectorFile = {
  name: 'presidio test_mac_recognizer.py',
  source: {
    repo: 'microsoft/presidio',
    path: 'presidio-analyzer/tests/test_mac_recognizer.py',
    commit: '096e6fd6395778b10e76cd4240819b144582a934',
    licence: 'MIT',
  },
  cases: [
    t('My MAC address is 00:1A:2B:3C:4D:5E', 1, [[18, 35]]),
    t('Device MAC: AA:BB:CC:DD:EE:FF', 1, [[12, 29]]),
    t('MAC: 01:23:45:67:89:AB', 1, [[5, 22]]),
    t('My MAC address is 00-1A-2B-3C-4D-5E', 1, [[18, 35]]),
    t('Hardware address: AA-BB-CC-DD-EE-FF', 1, [[18, 35]]),
    t('MAC: 01-23-45-67-89-AB', 1, [[5, 22]]),
    t('Cisco MAC: 0012.3456.789A', 1, [[11, 25]]),
    t('My MAC is 0012.3456.789a', 1, [[10, 24]]),
    t('Physical address is aabb.ccdd.eeff', 1, [[20, 34]]),
    t('MACs: 00:11:22:33:44:55 and AA-BB-CC-DD-EE-FF', 2, [
      [6, 23],
      [28, 45],
    ]),
    t('ethernet mac address: 00:1A:2B:3C:4D:5E', 1, [[22, 39]]),
    t('The hardware address is AA-BB-CC-DD-EE-FF', 1, [[24, 41]]),
    t('Not a MAC: 00:1A:2B:3C:4D', 0),
    t('Invalid: ZZ:ZZ:ZZ:ZZ:ZZ:ZZ', 0),
    t('Broadcast: FF:FF:FF:FF:FF:FF', 0),
  ],
}
