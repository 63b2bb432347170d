// /metrics across worker processes: the worker that receives the scrape asks the primary, the primary
// asks every worker for its snapshot and sends back the sum, so one scrape sees the whole gateway.
import cluster, { type Worker } from 'node:cluster'
import { randomUUID } from 'node:crypto'
import type { GatewayMetrics } from '../adapters/metrics/gateway-metrics.ts'
import { renderMerged } from '../adapters/metrics/gateway-metrics.ts'
import type { MetricsSnapshot } from '../adapters/metrics/prometheus-registry.ts'

const collectTimeoutMs = 2000

type Message =
  | { type: 'sluice:metrics-request'; id: string }
  | { type: 'sluice:metrics-response'; id: string; text: string }
  | { type: 'sluice:snapshot-request'; id: string }
  | { type: 'sluice:snapshot'; id: string; snapshot: MetricsSnapshot }

/** The primary's side: tracks workers and answers their scrape requests. */
export interface PrimaryMetrics {
  add(worker: Worker): void
  remove(worker: Worker): void
}

/** Starts answering workers' metrics requests in the primary. */
export function startPrimaryMetrics(): PrimaryMetrics {
  const workers = new Set<Worker>()
  const gather = (id: string): Promise<MetricsSnapshot[]> => {
    const targets = [...workers]
    return new Promise((resolve) => {
      const snapshots: MetricsSnapshot[] = []
      const done = () => {
        clearTimeout(timer)
        for (const w of targets) w.off('message', onMessage)
        resolve(snapshots)
      }
      const onMessage = (message: Message) => {
        if (message?.type !== 'sluice:snapshot' || message.id !== id) return
        snapshots.push(message.snapshot)
        if (snapshots.length === targets.length) done()
      }
      // A worker that does not answer in time is left out rather than stalling the scrape.
      const timer = setTimeout(done, collectTimeoutMs)
      for (const w of targets) {
        w.on('message', onMessage)
        w.send({ type: 'sluice:snapshot-request', id })
      }
    })
  }
  const onRequest = (worker: Worker) => (message: Message) => {
    if (message?.type !== 'sluice:metrics-request') return
    void gather(`${message.id}:${randomUUID()}`).then((snapshots) =>
      worker.send({ type: 'sluice:metrics-response', id: message.id, text: renderMerged(snapshots) }),
    )
  }
  const listeners = new Map<Worker, (message: Message) => void>()
  return {
    add: (worker) => {
      workers.add(worker)
      const listener = onRequest(worker)
      listeners.set(worker, listener)
      worker.on('message', listener)
    },
    remove: (worker) => {
      workers.delete(worker)
      const listener = listeners.get(worker)
      if (listener) worker.off('message', listener)
    },
  }
}

/** The worker's side: asks the primary for the merged text, and answers snapshot requests. */
export function workerMetricsClient(): {
  collect(metrics: GatewayMetrics): Promise<string>
  serveSnapshots(snapshot: () => MetricsSnapshot): void
} {
  const waiting = new Map<string, (text: string) => void>()
  process.on('message', (message: Message) => {
    if (message?.type === 'sluice:metrics-response') waiting.get(message.id)?.(message.text)
  })
  return {
    collect: (metrics) => {
      if (!cluster.isWorker || process.send === undefined) return Promise.resolve(metrics.render())
      const id = randomUUID()
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(id)
          resolve(metrics.render())
        }, collectTimeoutMs * 2)
        waiting.set(id, (text) => {
          clearTimeout(timer)
          waiting.delete(id)
          resolve(text)
        })
        process.send?.({ type: 'sluice:metrics-request', id })
      })
    },
    serveSnapshots: (snapshot) => {
      process.on('message', (message: Message) => {
        if (message?.type === 'sluice:snapshot-request') {
          process.send?.({ type: 'sluice:snapshot', id: message.id, snapshot: snapshot() })
        }
      })
    },
  }
}
