// @peculiar/x509 registers its parsers through tsyringe, which refuses to load unless the global
// `Reflect.getMetadata` API (the TC39 "decorator metadata" proposal polyfill) exists. No such polyfill is
// among the project's packages, so this supplies the three calls tsyringe makes — getMetadata,
// getOwnMetadata, defineMetadata — backed by a WeakMap. It leaves a real polyfill alone if one is loaded.
type MetadataKey = unknown
type Target = object

interface ReflectMetadataApi {
  getMetadata?: (key: MetadataKey, target: Target, property?: PropertyKey) => unknown
  getOwnMetadata?: (key: MetadataKey, target: Target, property?: PropertyKey) => unknown
  defineMetadata?: (key: MetadataKey, value: unknown, target: Target, property?: PropertyKey) => void
}

const reflect = Reflect as unknown as ReflectMetadataApi

if (typeof reflect.getMetadata !== 'function') {
  const store = new WeakMap<Target, Map<PropertyKey | undefined, Map<MetadataKey, unknown>>>()
  const own = (key: MetadataKey, target: Target, property?: PropertyKey): unknown =>
    store.get(target)?.get(property)?.get(key)
  reflect.getOwnMetadata = own
  // Metadata is inherited along the prototype chain, as the proposal specifies.
  reflect.getMetadata = (key, target, property) => {
    for (let t: Target | null = target; t !== null; t = Object.getPrototypeOf(t) as Target | null) {
      const value = own(key, t, property)
      if (value !== undefined) return value
    }
    return undefined
  }
  reflect.defineMetadata = (key, value, target, property) => {
    let byProperty = store.get(target)
    if (byProperty === undefined) {
      byProperty = new Map()
      store.set(target, byProperty)
    }
    let byKey = byProperty.get(property)
    if (byKey === undefined) {
      byKey = new Map()
      byProperty.set(property, byKey)
    }
    byKey.set(key, value)
  }
}
