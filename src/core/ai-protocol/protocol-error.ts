/**
 * A request or response body that does not have the shape its API requires. `field` names the
 * offending place as a readable JSON path (`messages[2].content`), so the gateway can answer the
 * client with a 400 that says exactly what to fix.
 */
export class ProtocolError extends Error {
  readonly field: string

  constructor(field: string, message: string) {
    super(field === '' ? message : `${field}: ${message}`)
    this.name = 'ProtocolError'
    this.field = field
  }
}
