// Reads Basic Proxy-Authorization: the user name is informational, the password is a virtual key.

/** The credentials of a Basic Proxy-Authorization header, or undefined when absent or not Basic. */
export function parseProxyAuthorization(
  header: string | undefined,
): { readonly user: string; readonly key: string } | undefined {
  if (header === undefined) return undefined
  const m = /^\s*Basic\s+([A-Za-z0-9+/=]{1,4096})\s*$/i.exec(header)
  if (m?.[1] === undefined) return undefined
  const decoded = Buffer.from(m[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return undefined
  return { user: decoded.slice(0, colon), key: decoded.slice(colon + 1) }
}
