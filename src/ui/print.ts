/**
 * The print-friendly debrief: a plain DOM document (text set with textContent, the meter chart
 * as SVG built element by element) that only print media shows. The browser's print to PDF
 * turns it into a handout.
 */
import type { ContextView, TermView } from '../core/glossary.ts';
import type { DealMapView } from '../core/talk-view.ts';
import type { DiceRoll, EndingView } from '../core/view.ts';
import { chartGeometry, seriesCss } from './chart.ts';
import { longDate, plural } from './words.ts';

const SVG = 'http://www.w3.org/2000/svg';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function svg(tag: string, attrs: Record<string, string | number>): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** The meter chart as an SVG line chart, 0-100, one line per meter, with a legend: the canvas chart's geometry and colours (chart.ts). */
function chart(v: EndingView): SVGElement {
  const W = 720;
  const H = 220;
  const geo = chartGeometry({ x: 36, y: 10, w: 430, h: H - 40 }, v.points.length);
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': 'Meters over the run' });
  for (const t of geo.ticks) {
    root.append(svg('line', { x1: geo.left, x2: geo.left + geo.width, y1: t.y, y2: t.y, stroke: '#bbb', 'stroke-width': 1 }));
    const label = svg('text', { x: geo.left - 6, y: t.y + 4, 'text-anchor': 'end', 'font-size': 10, fill: '#555' });
    label.textContent = String(t.level);
    root.append(label);
  }
  const lx = geo.left + geo.width + 20;
  v.series.forEach((s, k) => {
    const c = seriesCss(k);
    const pts = s.values.map((val, i) => `${geo.x(i).toFixed(1)},${geo.y(val).toFixed(1)}`).join(' ');
    root.append(svg('polyline', { points: pts, fill: 'none', stroke: c, 'stroke-width': 2.5, 'stroke-dasharray': k % 2 ? '6 3' : 'none' }));
    root.append(svg('rect', { x: lx, y: geo.top + k * 20, width: 14, height: 4, fill: c }));
    const t = svg('text', { x: lx + 20, y: geo.top + k * 20 + 6, 'font-size': 11, fill: '#222' });
    t.textContent = `${s.label} ${s.values.at(-1)}`;
    root.append(t);
  });
  const foot = svg('text', { x: geo.left, y: H - 8, 'font-size': 10, fill: '#555' });
  foot.textContent = `Start, then after each of ${plural(geo.n - 1, 'choice')}`;
  root.append(foot);
  return root;
}

export function printDebrief(v: EndingView, run: { seed: string; code: string; hash: string; title: string; dice: DiceRoll[] | null; map?: DealMapView | null }) {
  document.getElementById('print')?.remove();
  const doc = el('article');
  doc.id = 'print';
  doc.setAttribute('aria-hidden', 'true');
  doc.append(el('p', `${run.title} · debrief`, 'kicker'), el('h1', `${v.title}`), el('p', `Seed: ${run.seed} · ${plural(v.choices.length, 'choice')} · ${plural(v.news.length, 'reaction')} · ended ${longDate(v.date)}`, 'meta'));
  if (v.why) doc.append(el('p', `Why: ${v.why}`, 'why'));
  doc.append(el('p', v.summary), el('h2', 'Debrief'), el('p', v.debrief));
  if (run.map) {
    // A negotiation (version 2): the contract signed, and the deal space as a table.
    doc.append(el('h2', 'The contract'));
    if (v.contract) {
      const list = el('ul');
      for (const c of v.contract) list.append(el('li', `${c.title}: ${c.label}. ${c.text}`));
      doc.append(list);
    } else doc.append(el('p', 'No contract was signed.'));
    const m = run.map;
    doc.append(
      el('h2', 'The deal space'),
      el('p', `${m.points.length} possible contracts, ${m.frontier.length} on the Pareto frontier, ${m.zone} that both sides prefer to no deal. Value left on the table: ${m.valueLeft} points.`),
    );
    const table = el('table');
    const head = el('tr');
    head.append(el('th', 'Point'), el('th', 'Your utility'), el('th', 'The Department\'s'));
    table.append(head);
    for (const r of m.rows) {
      const row = el('tr');
      row.append(el('td', r.label), el('td', String(r.lab)), el('td', String(r.department)));
      table.append(row);
    }
    doc.append(table);
  }
  doc.append(el('h2', 'Meters over the run'), chart(v));
  doc.append(el('h2', 'Timeline'));
  const tl = el('ol', undefined, 'timeline');
  for (const t of v.timeline) tl.append(el('li', `${longDate(t.date)}: ${t.kind === 'choice' ? `chose: ${t.label} (at: ${t.detail})` : t.kind === 'reaction' ? `${t.detail}: ${t.label}` : t.kind === 'phase' ? `phase: ${t.label}` : t.kind === 'ending' ? `ending: ${t.label}` : t.detail ? `${t.label} ${t.detail}` : t.label}`));
  doc.append(tl);
  if (run.dice && !run.dice.length) doc.append(el('h2', 'The dice'), el('p', 'No reaction rolled: the run ended before any stakeholder had a moment to react.'));
  if (run.dice?.length) {
    doc.append(el('h2', 'The dice'), el('p', 'A reaction fires when its roll is below its chance.', 'meta'));
    const table = el('table');
    const head = el('tr');
    head.append(el('th', 'Date'), el('th', 'Reaction'), el('th', 'Chance'), el('th', 'Roll'), el('th', 'Fired'));
    table.append(head);
    for (const d of run.dice) {
      const tr = el('tr');
      tr.append(el('td', longDate(d.date).slice(4)), el('td', `${d.stakeholder}: ${d.headline}`), el('td', `${Math.round(d.chance * 100)}%`), el('td', String(Math.round(d.roll * 100))), el('td', d.fired ? 'yes' : 'no'));
      table.append(tr);
    }
    doc.append(table);
  }
  doc.append(el('h2', 'The trade-offs you made'));
  const tr = el('ul');
  for (const c of v.choices) tr.append(el('li', `${c.label}: ${c.tradeoffs.join('; ')}`));
  doc.append(tr, el('h2', 'What the reports say'), el('p', v.reports), el('h2', 'Questions to discuss'));
  const q = el('ol');
  for (const x of v.questions) q.append(el('li', x));
  doc.append(q, el('p', `Replay code: ${run.code}`, 'code'), el('p', `Final state hash: ${run.hash}`, 'code'));
  document.body.append(doc);
}

/** The print-only glossary and the context beyond the reports: a handout, as the glossary screen shows them. */
export function printGlossary(title: string, terms: readonly TermView[], context: readonly ContextView[]) {
  document.getElementById('print')?.remove();
  const doc = el('article');
  doc.id = 'print';
  doc.setAttribute('aria-hidden', 'true');
  doc.append(el('p', `${title} · glossary`, 'kicker'), el('h1', 'Glossary'));
  doc.append(el('p', 'Terms from the two reports cite the facts they rest on (fact ids, as on the game\'s Sources screen). General definitions say they are background.', 'meta'));
  const list = el('dl');
  for (const t of terms) list.append(el('dt', t.term), el('dd', `${t.text} (${t.grounding}.)`));
  doc.append(list);
  if (context.length) {
    doc.append(el('h2', 'Who sets such rules: general background, not from the two reports'));
    for (const c of context) doc.append(el('h3', c.title), el('p', c.text), el('p', `Check it: ${c.check}`, 'meta'));
  }
  document.body.append(doc);
}
