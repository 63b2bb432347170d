import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { defaultConfig } from './default-config.ts'
import { modelPattern, upstreamForModel } from './model-routes.ts'

describe('upstreamForModel', () => {
  const { models } = defaultConfig({})

  it('routes the embedded default models', () => {
    const cases: [string, string | undefined][] = [
      ['gpt-4o-mini', 'openai'],
      ['chatgpt-4o-latest', 'openai'],
      ['o3-mini', 'openai'],
      ['o1', 'openai'],
      ['text-embedding-3-small', 'openai'],
      ['claude-sonnet-4-5', 'anthropic'],
      ['deepseek-chat', 'deepseek'],
      ['olmo-7b', undefined],
      ['mistral-large', undefined],
    ]
    for (const [model, upstream] of cases) assert.equal(upstreamForModel(models, model), upstream, model)
  })

  it('takes the first matching pattern and treats everything but * literally', () => {
    const routes = [
      { match: 'gpt-4.1*', upstream: 'a' },
      { match: 'gpt-*', upstream: 'b' },
    ]
    assert.equal(upstreamForModel(routes, 'gpt-4.1-mini'), 'a')
    assert.equal(upstreamForModel(routes, 'gpt-4x1'), 'b')
    assert.equal(modelPattern('a+b*').test('a+bc'), true)
    assert.equal(modelPattern('a+b*').test('aab'), false)
  })
})
