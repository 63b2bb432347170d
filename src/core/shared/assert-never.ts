/** Marks a branch the type checker proves unreachable; throws if reached anyway at run time. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`)
}
