// fair-minded.mjs: accepts a good enough offer, else asks for its best terms on the clauses it
// cares about most and gives way, from its least important clause up, where the other side asked.
const utility = (values, pkg) =>
  Object.entries(values.weights).reduce((sum, [clause, w]) => sum + w * values.scores[clause][pkg[clause]], 0);

export default {
  name: 'fair-minded',
  choose(view) {
    const t = view.roundsLeft <= 1 ? 1 : view.round / (view.round + view.roundsLeft - 1);
    const aim = Math.max(view.walkAway, 85 - 25 * t);
    const theirs = view.offers.theirs;
    const accept = view.moves.find((m) => m.kind === 'accept');
    if (accept && theirs && utility(view.values, theirs) >= aim) return { kind: 'accept', reason: 'Good enough for us.' };
    if (!view.moves.some((m) => m.kind === 'propose')) return view.moves[0];
    const scores = view.values.scores;
    const pkg = {};
    for (const c of view.clauses)
      pkg[c.id] = c.options.reduce((best, o) => (scores[c.id][o.id] > scores[c.id][best] ? o.id : best), c.options[0].id);
    const leastFirst = [...view.clauses].sort((a, b) => view.values.weights[a.id] - view.values.weights[b.id]);
    for (const c of theirs ? leastFirst : []) {
      const tried = { ...pkg, [c.id]: theirs[c.id] };
      if (utility(view.values, tried) >= aim) Object.assign(pkg, tried);
    }
    return { kind: 'propose', package: pkg, reason: `We ask for a contract worth ${Math.round(utility(view.values, pkg))} to us.` };
  },
};
