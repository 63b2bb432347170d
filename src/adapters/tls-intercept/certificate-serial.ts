import { randomBytes } from 'node:crypto'

/**
 * A random 128-bit certificate serial number as hex. The first byte is kept in 0x01–0x7f so the DER
 * INTEGER is positive and has no leading zero byte (some clients reject non-minimal encodings).
 */
export function randomSerialHex(): string {
  const bytes = randomBytes(16)
  bytes[0] = (bytes[0] as number) & 0x7f || 0x01
  return bytes.toString('hex')
}
