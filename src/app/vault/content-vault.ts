// The content vault: off by default; when on, the gateway keeps what it sent, encrypted with
// AES-256-GCM under a data key per (recipient, UTC day). Data keys are wrapped under the master key
// (vault.key in the data directory). Destroying a day's key makes its content unreadable for good
// (crypto-shredding), while the ledger keeps the record and its hash.
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto'
import type { TimeRange } from '../../core/directives/directive.ts'
import { utcDayBefore, utcDayOf } from '../../core/vault/vault-day.ts'
import { SluiceError } from '../errors.ts'
import type {
  VaultEntryRecord,
  VaultErasurePlan,
  VaultKeyRecord,
  VaultRemoval,
  VaultStore,
} from './vault-store-port.ts'

/** One request's content as sent to one recipient. */
export interface VaultContent {
  /** The request id (as in the ledger record). */
  readonly requestId: string
  /** The ledger record's seq, when known. */
  readonly seq?: number
  /** The recipient it went to (its legal name, as in the ledger record). */
  readonly recipient: string
  /** When it was sent, ISO 8601. */
  readonly time: string
  readonly content: string
}

/** The content vault; see {@link createContentVault}. */
export interface ContentVault {
  /** Keeps `item` sealed under the (recipient, day) data key, making the key on first use. */
  putContent(item: VaultContent): Promise<void>
  /**
   * The content of `requestId` as sent to `recipient` (or to any recipient when omitted), or
   * undefined when none is kept (never stored, erased, or expired). Rejects with INTERNAL when a
   * stored entry fails authentication (tampered with, or a wrong master key).
   */
  getContent(requestId: string, recipient?: string): Promise<string | undefined>
  /**
   * Destroys every content sent to `recipient` within `range` (and the other recipients' copies of
   * those same requests), the data keys that sealed them, and re-keys days that keep other content.
   */
  eraseRecipient(recipient: string, range: TimeRange): Promise<VaultRemoval>
  /** Deletes content of days older than the retention period, counted back from `now`. */
  purgeExpired(now: Date): Promise<VaultRemoval>
}

/** Options of {@link createContentVault}. */
export interface ContentVaultOptions {
  /** The 32-byte master key (vault.key). */
  readonly masterKey: Uint8Array
  /** Days content is kept (config `vault.retentionDays`). */
  readonly retentionDays: number
}

const ivBytes = 12
const tagBytes = 16

/** The normalised form of a recipient name the vault keys on (case, spacing and width folded). */
export function recipientKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()
}

/** A vault over `store`. Rejects a master key that is not 32 bytes and a bad retention. */
export function createContentVault(store: VaultStore, options: ContentVaultOptions): ContentVault {
  if (options.masterKey.length !== 32) {
    throw new SluiceError(
      'CONFIG_INVALID',
      `the vault master key must be 32 bytes, got ${options.masterKey.length}`,
    )
  }
  if (!Number.isSafeInteger(options.retentionDays) || options.retentionDays < 1) {
    throw new SluiceError(
      'CONFIG_INVALID',
      `vault.retentionDays must be a positive integer, got ${options.retentionDays}`,
    )
  }
  const master = options.masterKey

  const wrapAad = (id: string, recipient: string, day: string) =>
    `key\u0000${id}\u0000${recipient}\u0000${day}`
  // The entry's identity is bound into its seal, so a ciphertext moved to another row fails to open.
  const entryAad = (ref: string, recipient: string, keyId: string) =>
    `entry\u0000${ref}\u0000${recipient}\u0000${keyId}`

  function newKey(recipient: string, day: string): { record: VaultKeyRecord; raw: Buffer } {
    const id = randomUUID()
    const raw = randomBytes(32)
    return { record: { id, recipient, day, wrapped: seal(master, raw, wrapAad(id, recipient, day)) }, raw }
  }

  function unwrap(key: VaultKeyRecord): Buffer {
    return open(master, key.wrapped, wrapAad(key.id, key.recipient, key.day), `data key ${key.id}`)
  }

  async function dayKey(recipient: string, day: string): Promise<{ id: string; raw: Buffer }> {
    const stored = (await store.keyFor(recipient, day)) ?? (await store.addKey(newKey(recipient, day).record))
    return { id: stored.id, raw: unwrap(stored) }
  }

  function sealEntry(raw: Buffer, keyId: string, item: { ref: string; recipient: string }, content: Buffer) {
    return seal(raw, content, entryAad(item.ref, item.recipient, keyId))
  }

  function openEntry(raw: Buffer, entry: VaultEntryRecord): Buffer {
    return open(
      raw,
      entry.sealed,
      entryAad(entry.ref, entry.recipient, entry.keyId),
      `vault entry ${entry.ref}`,
    )
  }

  async function decrypt(entry: VaultEntryRecord): Promise<string | undefined> {
    const key = await store.keyById(entry.keyId)
    if (key === undefined) return undefined
    return openEntry(unwrap(key), entry).toString('utf8')
  }

  return {
    async putContent(item) {
      const time = utcTime(item.time)
      const recipient = recipientKey(item.recipient)
      if (recipient === '' || item.requestId === '') {
        throw new SluiceError('INVALID_INPUT', 'vault content needs a request id and a recipient')
      }
      const day = utcDayOf(time)
      const plain = Buffer.from(item.content, 'utf8')
      // Bounded: a key destroyed between reading and writing (an erasure in another process) is
      // replaced once; a second loss in a row is reported rather than retried forever.
      for (let attempt = 0; ; attempt++) {
        const key = await dayKey(recipient, day)
        try {
          await store.putEntry({
            ref: item.requestId,
            recipient,
            ...(item.seq === undefined ? {} : { seq: item.seq }),
            time,
            day,
            keyId: key.id,
            sealed: sealEntry(key.raw, key.id, { ref: item.requestId, recipient }, plain),
          })
          return
        } catch (error) {
          if (attempt >= 1 || !(error instanceof SluiceError) || error.code !== 'NOT_FOUND') throw error
        }
      }
    },

    async getContent(requestId, recipient) {
      if (recipient !== undefined) {
        const entry = await store.entry(requestId, recipientKey(recipient))
        return entry === undefined ? undefined : decrypt(entry)
      }
      for (const entry of await store.entriesOf(requestId)) {
        const content = await decrypt(entry)
        if (content !== undefined) return content
      }
      return undefined
    },

    async eraseRecipient(recipient, range) {
      const from = utcTime(range.from)
      const to = utcTime(range.to)
      if (from >= to)
        throw new SluiceError('INVALID_INPUT', `the range must end after it starts (${from} .. ${to})`)
      const matched = await store.entriesIn(recipientKey(recipient), from, to)
      // What went to the recipient is gone from the vault entirely: the other recipients' copies of
      // the same requests too (it is the same content).
      const doomed = new Map<string, VaultEntryRecord>()
      for (const ref of new Set(matched.map((e) => e.ref))) {
        for (const entry of await store.entriesOf(ref)) doomed.set(entryId(entry), entry)
      }
      const plan: {
        deleteEntries: { ref: string; recipient: string }[]
        destroyKeys: string[]
        replaceKeys: { oldKeyId: string; key: VaultKeyRecord; entries: VaultEntryRecord[] }[]
      } = {
        deleteEntries: [...doomed.values()].map(({ ref, recipient: r }) => ({ ref, recipient: r })),
        destroyKeys: [],
        replaceKeys: [],
      }
      for (const keyId of new Set([...doomed.values()].map((e) => e.keyId))) {
        const kept = (await store.entriesUnder(keyId)).filter((e) => !doomed.has(entryId(e)))
        if (kept.length === 0) {
          plan.destroyKeys.push(keyId)
          continue
        }
        const old = await store.keyById(keyId)
        if (old === undefined) continue
        const oldRaw = unwrap(old)
        const fresh = newKey(old.recipient, old.day)
        plan.replaceKeys.push({
          oldKeyId: keyId,
          key: fresh.record,
          entries: kept.map((e) => ({
            ...e,
            keyId: fresh.record.id,
            sealed: sealEntry(fresh.raw, fresh.record.id, e, openEntry(oldRaw, e)),
          })),
        })
      }
      return store.erase(plan satisfies VaultErasurePlan)
    },

    purgeExpired(now) {
      return store.purgeBefore(utcDayBefore(now.toISOString(), options.retentionDays - 1))
    },
  }
}

const entryId = (e: { ref: string; recipient: string }) => `${e.ref}\u0000${e.recipient}`

function utcTime(time: string): string {
  const ms = Date.parse(time)
  if (Number.isNaN(ms)) throw new SluiceError('INVALID_INPUT', `not an ISO 8601 time: '${time}'`)
  return new Date(ms).toISOString()
}

function seal(key: Uint8Array, plain: Uint8Array, aad: string): Uint8Array {
  const iv = randomBytes(ivBytes)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(aad, 'utf8'))
  const body = Buffer.concat([cipher.update(plain), cipher.final()])
  return Buffer.concat([iv, body, cipher.getAuthTag()])
}

function open(key: Uint8Array, sealed: Uint8Array, aad: string, what: string): Buffer {
  const bytes = Buffer.from(sealed)
  if (bytes.length < ivBytes + tagBytes) throw new SluiceError('INTERNAL', `${what} is truncated`)
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, ivBytes))
    decipher.setAAD(Buffer.from(aad, 'utf8'))
    decipher.setAuthTag(bytes.subarray(bytes.length - tagBytes))
    return Buffer.concat([
      decipher.update(bytes.subarray(ivBytes, bytes.length - tagBytes)),
      decipher.final(),
    ])
  } catch (error) {
    throw new SluiceError(
      'INTERNAL',
      `${what} does not authenticate (tampered with, or another master key)`,
      {
        cause: error,
      },
    )
  }
}
