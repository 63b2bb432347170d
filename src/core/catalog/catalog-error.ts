/**
 * Invalid catalog data or overrides. The message names the entry (by id) and the field path, so the
 * operator can fix the file; the adapter that read the data turns it into a SluiceError.
 */
export class CatalogError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CatalogError'
  }
}
