// The unit pairs every MAC-address candidate starts with (see mac-address-detector.ts), for the
// shared pair pass: a hex digit followed by ':', '-' or '.' (colon, dash and dotted notations), or the
// first two letters of a label (MAC, 주소, HWaddr, BSSID in the cases the labels allow).

/** Pair tables: a pair (a, b) may start a candidate when `first[a] & second[b]` is non-zero. */
export const macFirstBits = new Uint8Array(0x10000)
export const macSecondBits = new Uint8Array(0x10000)

function rule(bit: number, firsts: string, seconds: string): void {
  for (const c of firsts) macFirstBits[c.charCodeAt(0)] = (macFirstBits[c.charCodeAt(0)] as number) | bit
  for (const c of seconds) macSecondBits[c.charCodeAt(0)] = (macSecondBits[c.charCodeAt(0)] as number) | bit
}

rule(1, '0123456789ABCDEFabcdef', ':-.')
rule(2, 'Mm', 'Aa')
rule(4, '주', '소')
rule(8, 'Hh', 'Ww')
rule(16, 'Bb', 'Ss')
