/** The package version, reported by `--version` and /healthz. */
export const version = '0.1.0'
