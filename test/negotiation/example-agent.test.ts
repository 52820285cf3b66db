/** The example agent of docs/agents.md is the one tested here, and it plays legally. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_AGENT_NAMES, builtinAgent } from '../../src/core/negotiation/agents.ts';
import { checkMove } from '../../src/core/negotiation/moves.ts';
import type { Agent } from '../../src/core/negotiation/types.ts';
import { utility } from '../../src/core/negotiation/utility.ts';
import { fcParams, ROOT } from '../helpers.ts';
// @ts-expect-error: a plain ES module, as a user would write it, without types.
import example from './example-agent.mjs';
import { anyView, frozen } from './arbitraries.ts';
import { randomDomain, selfPlay } from './harness.ts';

const agent = example as Agent;

describe('the example agent of docs/agents.md', () => {
  it('is the code the doc shows', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'agents.md'), 'utf8');
    const code = readFileSync(join(ROOT, 'test', 'negotiation', 'example-agent.mjs'), 'utf8');
    expect(doc).toContain('```js\n' + code + '```');
    expect(doc).toMatch(/--agent/);
    expect(doc).toMatch(/tournament/);
  });

  it('returns a legal move for any legal view, deterministically', () => {
    fc.assert(
      fc.property(anyView(), (v) => {
        const move = agent.choose(frozen(v));
        expect(checkMove(v, move)).toBeNull();
        expect(agent.choose(frozen(v))).toEqual(move);
      }),
      fcParams(500),
    );
  });

  it('negotiates with every built-in agent without accepting below its walk-away value', () => {
    for (let i = 0; i < 6; i++) {
      const d = randomDomain(`example-${i}`);
      for (const name of BUILTIN_AGENT_NAMES)
        for (const [lab, department] of [[agent, builtinAgent(name)!], [builtinAgent(name)!, agent]] as const) {
          const r = selfPlay({ lab, department }, d, { rounds: 10, seed: `ex-${i}` });
          if (r.deal && r.accepter) expect(utility(d.values[r.accepter], r.deal)).toBeGreaterThanOrEqual(d.walkAways[r.accepter]);
        }
    }
  });
});
