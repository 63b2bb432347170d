// The schema of sluice.yaml. Everything a running Sluice needs that is not code: where it listens,
// how strictly it inspects, where AI calls go, the catalog overrides, and per tenant its policy,
// keys and network zones. Cross-references are checked here too, so a config that parses is one
// whose names all resolve.
import { z } from 'zod'
import { catalogOverridesSchema } from '../core/catalog/catalog-schema.ts'
import { apiKeyHashPattern } from '../core/policy/api-key-hash.ts'
import { parseCidr } from '../core/policy/cidr.ts'
import { policySpecSchema } from '../core/policy/policy-schema.ts'
import { transfersConfigSchema } from '../core/transfers/transfers-config.ts'
import { presetIds } from './presets.ts'

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/
const id = (what: string) =>
  z.string().regex(idPattern, `${what}: letters, digits, dot, dash or underscore`).describe(what)

const serverSchema = z
  .object({
    host: z.string().min(1).default('127.0.0.1').describe('address to listen on (env SLUICE_HOST)'),
    port: z.number().int().min(0).max(65535).default(8080).describe('port to listen on (env SLUICE_PORT)'),
    dataDir: z
      .string()
      .min(1)
      .default('./data')
      .describe('where the ledger and state live (env SLUICE_DATA_DIR)'),
  })
  .strict()

const inspectionSchema = z
  .object({
    failMode: z
      .enum(['closed', 'open'])
      .default('closed')
      .describe(
        'when inspection fails or times out: closed = the request does not leave (env SLUICE_FAIL_MODE)',
      ),
    timeoutMs: z.number().int().min(1).default(5000).describe('inspection time limit per request'),
    minScore: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe(
        'findings below this score are ignored; also the score floor of rules (env SLUICE_MIN_SCORE)',
      ),
    responses: z.boolean().default(true).describe('inspect answers too (response rules)'),
    maxBodyBytes: z
      .number()
      .int()
      .min(1)
      .default(10 * 1024 * 1024)
      .describe('largest request body accepted'),
  })
  .strict()

const upstreamSchema = z
  .object({
    kind: z.enum(['openai', 'anthropic', 'openai-compatible']),
    baseUrl: z
      .string()
      .regex(/^https?:\/\/[^\s/]+/, 'an http(s) URL, e.g. https://api.openai.com/v1')
      .describe('base URL of the provider API'),
    apiKey: z
      .string()
      .min(1)
      .optional()
      .describe('the provider key (write $' + '{VAR} to take it from the environment)'),
    apiKeyEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
      .optional()
      .describe(
        'environment variable holding the provider key, read when calling (unset: the call fails with 502)',
      ),
    keyMode: z
      .enum(['held', 'passthrough'])
      .default('held')
      .describe(
        "held: Sluice adds its own provider key; passthrough: the client's provider key is forwarded",
      ),
    service: z
      .string()
      .min(1)
      .optional()
      .describe('catalog service id of this provider (for policy and ledger)'),
    timeoutMs: z.number().int().min(1).optional().describe('time limit of one upstream call'),
    model: z
      .string()
      .min(1)
      .optional()
      .describe('model name used when a policy routes a request here (an internal model has its own names)'),
  })
  .strict()
  .superRefine((u, ctx) => {
    if (u.apiKey !== undefined && u.apiKeyEnv !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['apiKeyEnv'], message: 'give apiKey or apiKeyEnv, not both' })
    }
    if (u.keyMode === 'passthrough' && (u.apiKey !== undefined || u.apiKeyEnv !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['keyMode'],
        message: "passthrough forwards the client's key; remove apiKey/apiKeyEnv",
      })
    }
  })

const modelRouteSchema = z
  .object({
    match: z.string().min(1).describe("model name pattern; '*' matches any run of characters, e.g. gpt-*"),
    upstream: z.string().min(1).describe('upstream id'),
  })
  .strict()

const tenantPolicySchema = z
  .object({
    preset: z.enum(presetIds).optional().describe("built-in policy whose rules follow this tenant's own"),
    ...policySpecSchema.shape,
  })
  .strict()

const tenantSchema = z
  .object({
    name: z.string().min(1),
    contact: z.string().min(1).optional().describe('who users should contact (shown in notices you write)'),
    policy: tenantPolicySchema,
  })
  .strict()

const keySchema = z
  .object({
    hash: z
      .string()
      .regex(apiKeyHashPattern, "sha256:<64 lowercase hex digits> — make one with 'sluice config hash-key'")
      .describe('hash of the virtual API key (keys are never stored in clear)'),
    tenant: z.string().min(1),
    user: z.string().min(1),
    groups: z.array(z.string().min(1)).optional(),
    label: z.string().optional().describe('free text to recognise the key by'),
  })
  .strict()

const zoneSchema = z
  .object({
    id: id('zone id'),
    cidrs: z.array(z.string().min(1)).min(1).describe('source prefixes, IPv4 or IPv6 (e.g. 10.20.0.0/16)'),
    tenant: z.string().min(1).optional().describe('tenant of keyless requests from this zone'),
    keyless: z.boolean().default(false).describe('requests from this zone need no API key'),
  })
  .strict()

// Suffixes of services that pin certificates or must never be decrypted (banking, government,
// OS updates): examples an operator extends; listed suffixes always tunnel untouched.
const defaultDoNotIntercept = [
  'go.kr',
  'gov.kr',
  'mil.kr',
  'kftc.or.kr',
  'kbstar.com',
  'shinhan.com',
  'wooribank.com',
  'kebhana.com',
  'nonghyup.com',
  'ibk.co.kr',
  'update.microsoft.com',
  'windowsupdate.com',
  'apple.com',
]

const hostSuffix = z
  .string()
  .min(1)
  .transform((s) => s.trim().toLowerCase().replace(/^\.+/, '').replace(/\.$/, ''))
  .refine(
    (s) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/.test(s),
    {
      error: 'a host name or domain suffix, e.g. chat.example.com',
    },
  )
  .describe('host or domain suffix, matched on label boundaries')

const proxySchema = z
  .object({
    enabled: z
      .boolean()
      .default(true)
      .describe('serve forward-proxy traffic (absolute-form requests and CONNECT) on the gateway port'),
    port: z
      .number()
      .int()
      .min(0)
      .max(65535)
      .optional()
      .describe('a separate port for proxy traffic only (default: the gateway port serves both)'),
    auth: z
      .enum(['none', 'required'])
      .default('none')
      .describe('required: clients send Basic Proxy-Authorization whose password is their virtual key'),
    xForwardedFor: z.boolean().default(false).describe("add the client's address in X-Forwarded-For"),
    upstreamTimeoutMs: z
      .number()
      .int()
      .min(1)
      .default(30_000)
      .describe('time limit to connect to and hear from a web server'),
    intercept: z
      .object({
        enabled: z
          .boolean()
          .optional()
          .describe('decrypt TLS to AI hosts (default: yes when an organisation CA exists)'),
        hosts: z.array(hostSuffix).default([]).describe('extra host suffixes to decrypt and inspect'),
        doNotIntercept: z
          .array(hostSuffix)
          .default(defaultDoNotIntercept)
          .describe('host suffixes never decrypted (pinned apps, banking, government)'),
        allowedApps: z.boolean().default(true).describe('decrypt allowed AI web apps to inspect prompts'),
      })
      .strict()
      .prefault({}),
    extraHosts: z
      .array(hostSuffix)
      .default([])
      .describe('host suffixes treated as AI services although the catalog does not list them'),
    hosts: z
      .record(
        hostSuffix,
        z
          .string()
          .regex(/^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*)$/, 'an IPv4 or IPv6 address'),
      )
      .default({})
      .describe('host → address the proxy connects to instead of asking DNS (like a hosts file)'),
    pacProxy: z
      .string()
      .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'host:port')
      .optional()
      .describe('proxy address written into /proxy.pac (default: the host the PAC was fetched from)'),
  })
  .strict()

// Off by default: keeping what was sent is itself a store of personal data. When on, content is
// sealed per (recipient, day) so a deletion order can destroy exactly what went to one recipient.
const vaultSchema = z
  .object({
    enabled: z.boolean().default(false).describe('keep the content of sent requests, encrypted (vault.key)'),
    retentionDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(30)
      .describe('days content is kept before purging'),
  })
  .strict()

// Where the ledger and the other stores live. SQLite needs nothing (files in server.dataDir);
// PostgreSQL lets several gateway instances share one ledger and one state.
const storageSchema = z
  .object({
    kind: z
      .enum(['sqlite', 'postgres'])
      .default('sqlite')
      .describe('sqlite: files in server.dataDir; postgres: a PostgreSQL database (tables prefixed sluice_)'),
    url: z
      .string()
      .regex(/^postgres(?:ql)?:\/\/\S+$/, 'a postgres:// URL, e.g. postgres://sluice@db.internal:5432/sluice')
      .optional()
      .describe('PostgreSQL connection URL; write $' + '{VAR} for a password (env SLUICE_STORAGE_URL)'),
  })
  .strict()
  .superRefine((storage, ctx) => {
    if (storage.kind === 'postgres' && storage.url === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: 'postgres storage needs a url (or SLUICE_STORAGE_URL)',
      })
    }
  })

/** The schema of sluice.yaml (before cross-references are checked, see {@link sluiceConfigSchema}). */
export const sluiceConfigObjectSchema = z
  .object({
    server: serverSchema.prefault({}),
    inspection: inspectionSchema.prefault({}),
    upstreams: z.record(id('upstream id'), upstreamSchema).default({}),
    models: z.array(modelRouteSchema).default([]).describe('which upstream serves a model; first match wins'),
    catalog: catalogOverridesSchema
      .optional()
      .describe('additions, patches and removals to the built-in AI-service catalog'),
    tenants: z
      .record(id('tenant id'), tenantSchema)
      .refine((t) => Object.keys(t).length > 0, 'at least one tenant is needed'),
    keys: z.array(keySchema).default([]),
    zones: z.array(zoneSchema).default([]),
    proxy: proxySchema
      .prefault({})
      .describe('the forward proxy for browsers (PAC, notice page, interception)'),
    transfers: transfersConfigSchema
      .prefault({})
      .describe('cross-border transfers: recipient register patches, legal bases on file, consent'),
    vault: vaultSchema.prefault({}).describe('the encrypted content vault (off by default)'),
    storage: storageSchema.prefault({}).describe('where the ledger and state stores live (default sqlite)'),
  })
  .strict()

/** The full schema of sluice.yaml, cross-references included. */
export const sluiceConfigSchema = sluiceConfigObjectSchema.superRefine((config, ctx) => {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message })
  const upstreams = new Set(Object.keys(config.upstreams))
  const tenants = new Set(Object.keys(config.tenants))
  const knownUpstream = (name: string) => upstreams.has(name)
  const listUpstreams = () => (upstreams.size === 0 ? 'none defined' : [...upstreams].join(', '))

  config.models.forEach((m, i) => {
    if (!knownUpstream(m.upstream))
      issue(['models', i, 'upstream'], `unknown upstream '${m.upstream}' (${listUpstreams()})`)
  })
  for (const [tenantId, tenant] of Object.entries(config.tenants)) {
    const policy = tenant.policy
    const base = ['tenants', tenantId, 'policy']
    if (policy.preset === undefined && policy.default === undefined) {
      issue(base, 'a policy needs a preset or a default')
    }
    const ids = new Map<string, number>()
    ;(policy.rules ?? []).forEach((rule, i) => {
      const first = ids.get(rule.id)
      if (first !== undefined)
        issue([...base, 'rules', i, 'id'], `duplicate rule id '${rule.id}' (also rules.${first})`)
      else ids.set(rule.id, i)
      if (rule.routeTo !== undefined && !knownUpstream(rule.routeTo)) {
        issue([...base, 'rules', i, 'routeTo'], `unknown upstream '${rule.routeTo}' (${listUpstreams()})`)
      }
    })
    if (policy.default?.routeTo !== undefined && !knownUpstream(policy.default.routeTo)) {
      issue(
        [...base, 'default', 'routeTo'],
        `unknown upstream '${policy.default.routeTo}' (${listUpstreams()})`,
      )
    }
  }
  const hashes = new Map<string, number>()
  config.keys.forEach((k, i) => {
    if (!tenants.has(k.tenant)) issue(['keys', i, 'tenant'], `unknown tenant '${k.tenant}'`)
    const first = hashes.get(k.hash)
    if (first !== undefined) issue(['keys', i, 'hash'], `the same key hash as keys.${first}`)
    else hashes.set(k.hash, i)
  })
  const zoneIds = new Map<string, number>()
  config.zones.forEach((z, i) => {
    const first = zoneIds.get(z.id)
    if (first !== undefined) issue(['zones', i, 'id'], `duplicate zone id '${z.id}' (also zones.${first})`)
    else zoneIds.set(z.id, i)
    if (z.tenant !== undefined && !tenants.has(z.tenant))
      issue(['zones', i, 'tenant'], `unknown tenant '${z.tenant}'`)
    if (z.keyless && z.tenant === undefined) issue(['zones', i, 'tenant'], 'a keyless zone needs a tenant')
    z.cidrs.forEach((text, j) => {
      const parsed = parseCidr(text)
      if (typeof parsed === 'string') issue(['zones', i, 'cidrs', j], parsed)
    })
  })
})

/** A validated sluice.yaml, defaults filled in. Frozen. */
export type SluiceConfig = z.output<typeof sluiceConfigObjectSchema>

/** One upstream of {@link SluiceConfig}. */
export type UpstreamConfig = SluiceConfig['upstreams'][string]

/** One tenant of {@link SluiceConfig}. */
export type TenantConfig = SluiceConfig['tenants'][string]

/** The JSON Schema of sluice.yaml, for editors (`sluice config schema`). */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(sluiceConfigObjectSchema, { io: 'input', unrepresentable: 'any' })
  return { ...schema, title: 'sluice.yaml', description: 'Sluice gateway configuration' }
}
