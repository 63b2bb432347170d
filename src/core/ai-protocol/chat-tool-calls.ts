import { arrayAt, type Collector, objectAt } from './collector.ts'
import { isObject, type JsonObject, type JsonPath } from './json-path.ts'

/**
 * The arguments of an OpenAI chat message's tool calls (function and custom tools) and of the legacy
 * `function_call`: the same shape in a request's history and in an answer, so one walker serves both.
 */
export function collectChatToolCalls(c: Collector, msg: JsonObject, path: JsonPath): void {
  arrayAt(msg.tool_calls, [...path, 'tool_calls']).forEach((call, j) => {
    const callPath = [...path, 'tool_calls', j]
    const obj = objectAt(call, callPath)
    if (isObject(obj.function)) {
      c.text(
        [...callPath, 'function', 'arguments'],
        'assistant',
        'tool-call-arguments',
        obj.function.arguments,
      )
    }
    if (isObject(obj.custom))
      c.text([...callPath, 'custom', 'input'], 'assistant', 'tool-call-arguments', obj.custom.input)
  })
  if (isObject(msg.function_call)) {
    c.text(
      [...path, 'function_call', 'arguments'],
      'assistant',
      'tool-call-arguments',
      msg.function_call.arguments,
    )
  }
}
