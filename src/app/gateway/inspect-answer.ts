// The answer half: inspect what the model sends back (a model echoing an RRN), apply the tenant's
// response rules, and put pseudonymised originals back — for whole bodies and for streams alike.
import {
  applyEdits,
  collectResponseParts,
  createStreamGuard,
  createStreamRewriter,
  findingEdits,
  type GuardEdit,
  type GuardVerdict,
  mergeEdits,
  pathKey,
  replacementEdits,
  rewriteResponse,
  tokenEdits,
} from '../../core/ai-protocol/index.ts'
import { evaluatePolicy } from '../../core/policy/evaluate-policy.ts'
import type { Decision } from '../../core/policy/policy-types.ts'
import { type RedactionMode, redactText } from '../../core/transform/redact-text.ts'
import { GatewayError } from './gateway-error.ts'
import { UpstreamError, type UpstreamReply } from './gateway-ports.ts'
import { type AiOutcome, keyObjectOf, type RequestContext } from './handle-ai-request.ts'
import { summarise } from './inspect-texts.ts'

// Long enough to see an identifier or pseudonym token whole before any of it is released
// (an IBAN is 34 characters, a PEM header line about 40), short enough to keep streaming live.
const streamHoldback = 48
const maxTokenLength = 40

/** Sends the upstream's answer on, inspected and restored. */
export async function handleAnswer(context: RequestContext, reply: UpstreamReply): Promise<AiOutcome> {
  // Provider errors (bad model, rate limits) go back as the provider sent them: the SDKs understand them.
  if (reply.kind === 'json' && reply.status >= 400) return reply
  const inspector = createAnswerInspector(context)
  if (reply.kind === 'json') {
    const parts = collectResponseParts(context.request.api, reply.body)
    const replacements = new Map<string, string>()
    for (const part of parts) {
      // Function-call arguments are JSON text: a restored value must be escaped to keep them valid JSON.
      const step = inspector.step(part.text, 0, part.path.at(-1) === 'arguments')
      if ('blocked' in step) {
        await inspector.settled()
        throw blockError(inspector.blockDecision())
      }
      if (step.text !== part.text) replacements.set(pathKey(part.path), step.text)
    }
    await inspector.settled()
    return {
      kind: 'json',
      status: reply.status,
      body: replacements.size === 0 ? reply.body : rewriteResponse(reply.body, replacements),
    }
  }
  return { kind: 'stream', status: reply.status, chunks: rewriteStream(context, reply.chunks, inspector) }
}

async function* rewriteStream(
  context: RequestContext,
  chunks: AsyncIterable<string>,
  inspector: AnswerInspector,
): AsyncIterable<string> {
  const rewriter = createStreamRewriter(context.request.api, {
    guardFor: (_channel, kind) =>
      createStreamGuard({
        transform: (text, _final, context) => inspector.step(text, context, kind === 'tool-arguments'),
        holdback: streamHoldback,
        maxTokenLength,
      }),
  })
  try {
    for await (const chunk of chunks) {
      const out = rewriter.push(chunk)
      if (out !== '') yield out
    }
  } catch (error) {
    // The upstream broke off mid-stream: what was released stays released; the client sees the end.
    await inspector.settled()
    throw error instanceof UpstreamError
      ? new GatewayError('UPSTREAM_FAILED', error.message, { cause: error })
      : error
  }
  const tail = rewriter.end()
  await inspector.settled()
  if (tail !== '') yield tail
}

interface AnswerInspector {
  /**
   * Inspects and restores one window of answer text. `context` leading characters were already
   * released (they are there so detectors see the words before an identifier, not to be judged
   * again). The edits say where the text changed, so a stream can release up to the next change.
   */
  step(text: string, context: number, json: boolean): GuardVerdict
  blockDecision(): Decision
  settled(): Promise<void>
}

function createAnswerInspector(context: RequestContext): AnswerInspector {
  const { deps, setup, policy, facts, pseudonymizer } = context
  const writes: Promise<void>[] = []
  let recorded = false
  let blocking: Decision | undefined
  const record = (decision: Decision, typeCounts: Readonly<Record<string, number>>, categories: string[]) => {
    if (recorded) return
    recorded = true
    deps.telemetry.decision(decision.action, decision.rule)
    writes.push(
      deps.recorder.record({
        ...context.ledgerBase,
        direction: 'response',
        categories,
        typeCounts,
        action: decision.action,
        rule: decision.rule,
      }),
    )
  }
  const done = (text: string, edits: GuardEdit[]): GuardVerdict => ({ text: applyEdits(text, edits), edits })
  return {
    step(text, context, json) {
      const tokens =
        pseudonymizer === undefined ? [] : tokenEdits(text, (token) => pseudonymizer.restore(token), { json })
      // Without a rule that judges answers, scanning them could only ever end in 'allow'.
      if (!setup.inspection.responses || !policy.judgesResponses || text === '') return done(text, tokens)
      // Inspect before restoring: the user's own values coming back as tokens are not a leak.
      const findings = deps.engine.scan(text, { minScore: setup.inspection.minScore })
      // Identity edits over every finding keep a stream from releasing half of an identifier.
      const keep = findingEdits(text, findings, (_f, value) => value)
      const fresh = findings.filter((f) => f.end > context)
      if (fresh.length === 0) return done(text, mergeEdits(keep, tokens))
      const { summary, typeCounts } = summarise(fresh)
      const decision = evaluatePolicy(policy, { ...facts, detections: summary, direction: 'response' })
      if (decision.action === 'allow') return done(text, mergeEdits(keep, tokens))
      record(decision, typeCounts, [...new Set(summary.map((s) => s.category))].sort())
      if (decision.action === 'redact' || decision.action === 'pseudonymise') {
        const only = decision.transformTypes === undefined ? undefined : new Set(decision.transformTypes)
        const own = findings.filter((f) => only === undefined || only.has(f.type))
        const redacted = replacementEdits(redactText(text, own, answerMode(decision, deps.hashKey)))
        return done(text, mergeEdits(redacted, keep, tokens))
      }
      // warn and route cannot be honoured on an answer already given: the safe reading is block.
      blocking = decision
      return { blocked: true, reason: `${decision.notice.en} (rule ${decision.rule})`, rule: decision.rule }
    },
    blockDecision: () => blocking ?? { action: 'block', rule: 'response', notice: { ko: '', en: '' } },
    settled: async () => {
      await Promise.all(writes)
    },
  }
}

function answerMode(decision: Decision, hashKey: Uint8Array): RedactionMode {
  if (decision.redactMode === 'mask') return { kind: 'mask' }
  if (decision.redactMode === 'hash') return { kind: 'hash', key: keyObjectOf(hashKey) }
  return { kind: 'tag' }
}

function blockError(decision: Decision): GatewayError {
  return new GatewayError('POLICY_BLOCK', `${decision.notice.en} (rule ${decision.rule})`, {
    rule: decision.rule,
    notice: decision.notice,
  })
}
