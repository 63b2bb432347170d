/** A progress line on stderr, drawn only when stderr is a terminal and at most ten times a second. */
export interface ProgressBar {
  update(done: number): void
  finish(): void
}

/** Creates a progress bar over `total` units (bytes); a no-op when stderr is not a TTY or total is small. */
export function createProgressBar(total: number, label: string, stream = process.stderr): ProgressBar {
  const minTotal = 4 * 1024 * 1024
  if (!stream.isTTY || total < minTotal) return { update: () => {}, finish: () => {} }
  const started = Date.now()
  let lastDraw = 0
  const draw = (done: number): void => {
    const fraction = Math.min(1, done / total)
    const width = 30
    const filled = Math.round(fraction * width)
    const seconds = Math.max(0.001, (Date.now() - started) / 1000)
    const rate = done / seconds / 1e6
    stream.write(
      `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0)}% ${rate.toFixed(1)} MB/s`,
    )
  }
  return {
    update(done) {
      const now = Date.now()
      if (now - lastDraw < 100) return
      lastDraw = now
      draw(done)
    },
    finish() {
      draw(total)
      stream.write('\n')
    },
  }
}
