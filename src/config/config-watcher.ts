// Hot reload: watch sluice.yaml and hand over each new valid version. An invalid version never
// replaces the running one; the caller hears why (and should say it loudly) and keeps serving.
import { type FSWatcher, watch } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { basename, dirname, resolve } from 'node:path'
import { isConfigError } from './config-error.ts'
import { parseConfig } from './parse-config.ts'
import type { SluiceConfig } from './sluice-config-schema.ts'

/** What {@link watchConfig} reports to. */
export interface ConfigWatchOptions {
  /** A new valid configuration was read: swap it in. */
  onChange(config: SluiceConfig): void
  /** The file changed but cannot be used: the running configuration stays. `problems` says why. */
  onError(problems: readonly string[]): void
  readonly env?: Readonly<Record<string, string | undefined>>
  /** Quiet time after the last file event before reading (editors write in several steps). Default 200 ms. */
  readonly debounceMs?: number
  /** The text already loaded, so an event that changes nothing does not report. */
  readonly initialText?: string
}

/** A running watch; `close` stops it and cancels a pending reload. */
export interface ConfigWatch {
  close(): void
}

/**
 * Watches a configuration file. The directory is watched, not the file, because editors and
 * deployment tools usually replace a file (write a temp file, rename over) rather than write in place.
 */
export function watchConfig(file: string, options: ConfigWatchOptions): ConfigWatch {
  const path = resolve(file)
  const name = basename(path)
  const debounceMs = options.debounceMs ?? 200
  let lastText = options.initialText
  let timer: NodeJS.Timeout | undefined
  let running = false
  let again = false
  let closed = false

  async function reload(): Promise<void> {
    if (running) {
      again = true
      return
    }
    running = true
    try {
      let text: string
      try {
        text = await readFile(path, 'utf8')
      } catch (error) {
        const e = error as NodeJS.ErrnoException
        // A rename-over leaves a moment with no file; the next event brings the new one.
        if (!closed)
          options.onError([
            `${path}: cannot read (${e.code ?? e.message}); keeping the running configuration`,
          ])
        return
      }
      if (closed || text === lastText) return
      lastText = text
      try {
        const config = parseConfig(text, {
          source: path,
          ...(options.env === undefined ? {} : { env: options.env }),
        })
        if (!closed) options.onChange(config)
      } catch (error) {
        if (closed) return
        options.onError(isConfigError(error) ? error.problems : [`${path}: ${(error as Error).message}`])
      }
    } finally {
      running = false
      if (again && !closed) {
        again = false
        schedule()
      }
    }
  }

  function schedule(): void {
    if (closed) return
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = undefined
      void reload()
    }, debounceMs)
  }

  const watcher: FSWatcher = watch(dirname(path), { persistent: false }, (_event, changed) => {
    // Some platforms do not report the name; then any change in the directory may be ours.
    if (changed === null || changed === name) schedule()
  })
  watcher.on('error', (error) => {
    if (!closed) options.onError([`${path}: watching stopped (${error.message}); restart to pick up changes`])
  })

  return {
    close() {
      closed = true
      if (timer) clearTimeout(timer)
      watcher.close()
    },
  }
}
