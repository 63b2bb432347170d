// The protocol layer of the AI gateway: reading and rewriting OpenAI/Anthropic bodies and streams.
// Pure: no I/O. The gateway (src/app/gateway) calls only what is exported here.
export type { Attachment } from './attachment.ts'
export type { ContentFlags } from './collector.ts'
export {
  applyEdits,
  findingEdits,
  type GuardEdit,
  mergeEdits,
  replacementEdits,
  tokenEdits,
} from './guard-edits.ts'
export { describePath, type JsonPath, pathKey } from './json-path.ts'
export { ProtocolError } from './protocol-error.ts'
export { collectRequestParts, type RequestParts } from './request-parts.ts'
export { collectResponseParts } from './response-parts.ts'
export { rewriteRequest, rewriteResponse, setModel } from './rewrite-parts.ts'
export { createSseParser, formatSseEvent, type SseEvent, type SseParser } from './sse.ts'
export {
  createStreamGuard,
  type GuardBlocked,
  type GuardRelease,
  type GuardVerdict,
  type StreamGuard,
  type StreamGuardOptions,
} from './stream-guard.ts'
export {
  blockEvent,
  createStreamRewriter,
  type StreamRewriter,
  type StreamRewriterOptions,
} from './stream-rewriter.ts'
export { type ChannelKind, readStreamEvent, type StreamEventView, type StreamSlot } from './stream-text.ts'
export type { AiApi, PartKind, PartRole, TextPart } from './text-part.ts'
