// GET /v1/models: the models the caller's policy lets it reach, gathered from the configured upstreams.
import { evaluatePolicy } from '../../core/policy/evaluate-policy.ts'
import { GatewayError } from './gateway-error.ts'
import type { UpstreamTarget } from './gateway-ports.ts'
import type { GatewayDeps } from './handle-ai-request.ts'
import { upstreamFailure } from './handle-ai-request.ts'
import { destinationOf } from './service-facts.ts'

/** A model the caller may use, and where it is served. */
export interface AllowedModel {
  readonly id: string
  readonly upstream: string
  readonly ownedBy: string
  readonly created: number
}

/** Who asks for the list. */
export interface ModelListRequest {
  readonly remoteAddress: string
  readonly sluiceKey?: string
  readonly presentedKey?: string
}

/**
 * Asks every upstream for its models and keeps those that map back to that upstream and that the
 * caller's policy would not block for a prompt carrying no detected data. An upstream that fails
 * is skipped (and counted): the list shows what can be reached now.
 */
export async function listAllowedModels(
  deps: GatewayDeps,
  request: ModelListRequest,
): Promise<AllowedModel[]> {
  const setup = deps.setup()
  const presented = request.sluiceKey ?? request.presentedKey
  const subject = setup.identify({
    ...(presented === undefined ? {} : { apiKey: presented }),
    remoteAddress: request.remoteAddress,
  })
  if (!subject.ok) throw new GatewayError('UNAUTHENTICATED', 'an API key is required to list models')
  const policy = setup.policyFor(subject.tenant)
  if (policy === undefined) throw new GatewayError('CONFIG_INVALID', `tenant ${subject.tenant} has no policy`)
  const clientKey = request.sluiceKey !== undefined || subject.keyless ? request.presentedKey : undefined
  const lists = await Promise.all(
    setup.upstreams.map(async (target) => {
      try {
        return { target, ids: await fetchModelIds(deps, target, clientKey) }
      } catch (error) {
        upstreamFailure(deps, error)
        return { target, ids: [] }
      }
    }),
  )
  const allowed: AllowedModel[] = []
  for (const { target, ids } of lists) {
    const destination = destinationOf(setup.catalog, target)
    for (const { id, created, ownedBy } of ids) {
      if (setup.upstreamForModel(id)?.id !== target.id) continue
      const decision = evaluatePolicy(policy, {
        tenant: subject.tenant,
        ...(subject.zone === undefined ? {} : { zone: subject.zone }),
        ...(subject.user === undefined ? {} : { user: subject.user }),
        groups: subject.groups,
        ...(destination.service === undefined ? {} : { service: destination.service }),
        destinationCountries: destination.countries,
        detections: [],
        content: { files: false, images: false, audio: false },
        direction: 'request',
      })
      if (decision.action !== 'block') allowed.push({ id, upstream: target.id, ownedBy, created })
    }
  }
  return allowed.sort((a, b) => a.id.localeCompare(b.id))
}

async function fetchModelIds(
  deps: GatewayDeps,
  target: UpstreamTarget,
  clientKey: string | undefined,
): Promise<{ id: string; created: number; ownedBy: string }[]> {
  const reply = await deps.upstream.call({
    target,
    method: 'GET',
    path: '/models',
    headers: {},
    ...(clientKey === undefined ? {} : { clientKey }),
  })
  if (reply.kind !== 'json' || reply.status >= 400) return []
  const data = (reply.body as { data?: unknown }).data
  if (!Array.isArray(data)) return []
  return data.flatMap((m: unknown) => {
    const model = m as { id?: unknown; created?: unknown; created_at?: unknown; owned_by?: unknown }
    if (typeof model.id !== 'string') return []
    const created =
      typeof model.created === 'number'
        ? model.created
        : typeof model.created_at === 'string'
          ? Math.floor(Date.parse(model.created_at) / 1000) || 0
          : 0
    return [
      { id: model.id, created, ownedBy: typeof model.owned_by === 'string' ? model.owned_by : target.id },
    ]
  })
}
