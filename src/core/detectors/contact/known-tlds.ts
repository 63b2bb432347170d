/**
 * Common top-level domains: enough for bare `host.tld/path` URLs to be recognised without a
 * public-suffix list. Every two-letter country code is treated as known separately.
 */
export const knownTlds: ReadonlySet<string> = new Set([
  'com', 'net', 'org', 'edu', 'gov', 'mil', 'int', 'info', 'biz', 'name', 'pro', 'mobi', 'asia',
  'io', 'ai', 'co', 'kr', 'jp', 'cn', 'uk', 'us', 'de', 'fr', 'ca', 'au', 'me', 'tv', 'app', 'dev',
  'xyz', 'cloud', 'online', 'site', 'tech', 'store', 'shop', 'blog', 'email', 'news', 'page', 'live',
])

/**
 * File extensions that look like top-level domains after an `@` (`icon@2x.png`, `pkg@1.0.js`);
 * a "domain" ending in one of them is a file name.
 */
export const fileExtensions: ReadonlySet<string> = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'bmp', 'ico', 'tif', 'tiff', 'heic', 'css', 'scss',
  'less', 'json', 'yaml', 'yml', 'xml', 'html', 'htm', 'txt', 'pdf', 'zip', 'tar', 'gz', 'tgz', 'exe',
  'dll', 'js', 'ts', 'jsx', 'tsx', 'mjs', 'cjs', 'map', 'lock', 'log', 'csv', 'tsv', 'mp3', 'mp4',
  'wav', 'mov', 'avi', 'mkv', 'woff', 'woff2', 'ttf', 'otf', 'eot', 'py', 'rb', 'java', 'kt', 'swift',
  'php', 'vue', 'md', 'docx', 'xlsx', 'pptx', 'hwp',
])

/** True when `tld` (any case) is a well-known TLD or a two-letter country code. */
export function isKnownTld(tld: string): boolean {
  const lower = tld.toLowerCase()
  return (lower.length === 2 && /^[a-z]{2}$/.test(lower)) || knownTlds.has(lower) || lower.startsWith('xn--')
}
