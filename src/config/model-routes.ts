// Which upstream serves a model name: the `models:` list of sluice.yaml, first match wins.
import type { SluiceConfig } from './sluice-config-schema.ts'

type ModelRoutes = SluiceConfig['models']

const compiled = new WeakMap<ModelRoutes, readonly { pattern: RegExp; upstream: string }[]>()

/** Turns a model pattern into a regular expression: '*' matches any run of characters, the rest is literal. */
export function modelPattern(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${body}$`)
}

/** The upstream id for `model`, or undefined when no pattern matches (the gateway answers 404 for it). */
export function upstreamForModel(models: ModelRoutes, model: string): string | undefined {
  let routes = compiled.get(models)
  if (!routes) {
    routes = models.map((m) => ({ pattern: modelPattern(m.match), upstream: m.upstream }))
    compiled.set(models, routes)
  }
  return routes.find((r) => r.pattern.test(model))?.upstream
}
