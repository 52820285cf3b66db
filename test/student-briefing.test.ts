/**
 * The teaching kit: docs/student-briefing.md and .html are what scripts/student-briefing.ts
 * generates from march-2026 (version 2, what the site plays); both reading levels are there; the HTML is self-contained, carries
 * no script and escapes every scenario text; the teaching guide follows the content rules.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../src/core/schema.ts';
import { metersView } from '../src/core/view.ts';
import {
  briefingDoc,
  escapeHtml,
  escapeMarkdown,
  generate,
  HTML_PATH,
  LEVELS,
  MARKDOWN_PATH,
  renderHtml,
  renderMarkdown,
} from '../scripts/student-briefing.ts';
import { fixturePath, loadMarch2, ROOT } from './helpers.ts';
import { shingles, words } from './shingles.ts';

const march = loadMarch2();
const generated = generate(march);
const onDisk = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '(missing)';
  }
};

/** The Markdown's two parts: before and after the horizontal rule between the levels. */
const mdParts = (md: string) => {
  const parts = md.split('\n---\n');
  expect(parts).toHaveLength(2);
  return parts as [string, string];
};
/** The HTML's two level sections. */
const htmlSections = (html: string) => [...html.matchAll(/<section class="level[^"]*" id="(\w+)"[\s\S]*?<\/section>/g)].map((m) => m[0]);

describe('student briefing files', () => {
  it('are up to date with the scenario (run `npm run briefing` after changing it or the script)', () => {
    const stale = [
      [MARKDOWN_PATH, generated.markdown],
      [HTML_PATH, generated.html],
    ].filter(([path, want]) => onDisk(path!) !== want);
    expect(stale.map(([p]) => p), 'docs/student-briefing.* are out of date: run `npm run briefing`').toEqual([]);
  });

  it('--check passes on the files as they are, and fails with a message for another scenario', () => {
    const script = join(ROOT, 'scripts', 'student-briefing.ts');
    const ok = spawnSync(process.execPath, ['--import', 'tsx', script, '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    const stale = spawnSync(process.execPath, ['--import', 'tsx', script, fixturePath('mini'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(stale.status).toBe(1);
    expect(stale.stderr).toMatch(/npm run briefing/);
  });
});

describe('student briefing content', () => {
  const [standardMd, simpleMd] = mdParts(generated.markdown);
  const [standardHtml, simpleHtml] = htmlSections(generated.html) as [string, string];

  it('has a standard and a simpler part, which differ', () => {
    expect(standardMd).toContain('Standard reading level');
    expect(standardMd).not.toContain('Simpler reading level**');
    expect(simpleMd).toContain('Simpler reading level');
    expect(simpleMd).toMatch(/new page/);
    expect(standardMd).not.toBe(simpleMd);
    expect(standardMd).toContain(escapeMarkdown(march.role.briefing.standard.split('\n')[0]!));
    expect(simpleMd).toContain(escapeMarkdown(march.role.briefing.simple.split('\n')[0]!));
    expect(htmlSections(generated.html)).toHaveLength(2);
    expect(standardHtml).toContain('Standard reading level');
    expect(simpleHtml).toContain('Simpler reading level');
    expect(standardHtml).not.toBe(simpleHtml);
  });

  it('starts the simpler level on a new printed page', () => {
    expect(generated.html).toMatch(/@media print/);
    expect(simpleHtml).toMatch(/^<section class="level new-page"/);
    expect(standardHtml).not.toMatch(/new-page/);
    expect(generated.html).toMatch(/section\.new-page \{[^}]*page-break-before: always/);
  });

  it('names every meter, with its description at each reading level', () => {
    for (const level of LEVELS) {
      const [md, html] = level === 'standard' ? [standardMd, standardHtml] : [simpleMd, simpleHtml];
      for (const m of metersView(march, {}, level)) {
        expect(md, `${level}: ${m.label}`).toContain(escapeMarkdown(m.label));
        expect(md, `${level}: ${m.id}`).toContain(escapeMarkdown(m.description));
        expect(html, `${level}: ${m.label}`).toContain(escapeHtml(m.label));
        expect(html, `${level}: ${m.id}`).toContain(escapeHtml(m.description));
      }
    }
  });

  it('has the roles, the goals, five lines on how the game works, three questions and a footer', () => {
    for (const level of LEVELS) {
      const d = briefingDoc(march, level);
      expect(d.player).toBe(march.role.player);
      expect(d.counterpart).toBe(march.role.counterpart);
      expect(d.goals).toHaveLength(march.role.goals.length);
      expect(d.howItWorks).toHaveLength(5);
      expect(d.questions).toHaveLength(3);
      const md = level === 'standard' ? standardMd : simpleMd;
      for (const text of [d.player, d.counterpart, ...d.goals, ...d.howItWorks, ...d.questions]) expect(md).toContain(escapeMarkdown(text));
      expect(md).toContain(`Scenario ${march.id}, version ${march.version}. Facts as of ${march.asOf}.`);
    }
    expect(briefingDoc(march, 'simple').howItWorks).not.toEqual(briefingDoc(march, 'standard').howItWorks);
    expect(generated.markdown).toMatch(/[Ss]eed/);
    expect(generated.markdown).toMatch(/HYPOTHETICAL/);
  });
});

describe('student briefing HTML', () => {
  it('is self-contained: no script, no address outside the file, no external resource', () => {
    const html = generated.html;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<link\b|<img\b|<iframe\b|@import|url\(|\bsrc=|\bon[a-z]+=/i);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/<meta charset="utf-8">/);
  });

  it('escapes every scenario text (a fake scenario with markup in it)', () => {
    const fake: Scenario = structuredClone(march);
    fake.title = 'Red <i>Lines</i>';
    fake.subtitle = 'A & B';
    fake.role.player = 'the <u>lab</u>';
    fake.role.counterpart = 'the "Department"';
    fake.role.briefing = { standard: 'Standard <b>&"</b> text.\n<script>alert(1)</script>', simple: 'Simple <b>&"</b> text.' };
    fake.role.goals = ['Keep <em>both</em> clauses'];
    fake.meters[0]!.label = 'Integrity <b>&"';
    fake.meters[0]!.description = { standard: 'How <b>&" much', simple: 'How <b>&" strong' };

    const html = renderHtml(fake);
    expect(html).toContain('Standard &lt;b&gt;&amp;&quot;&lt;/b&gt; text.');
    expect(html).toContain('Simple &lt;b&gt;&amp;&quot;&lt;/b&gt; text.');
    expect(html).toContain('Integrity &lt;b&gt;&amp;&quot;');
    expect(html).toContain('How &lt;b&gt;&amp;&quot; much');
    expect(html).toContain('How &lt;b&gt;&amp;&quot; strong');
    expect(html).toContain('Red &lt;i&gt;Lines&lt;/i&gt;');
    expect(html).toContain('the &lt;u&gt;lab&lt;/u&gt;');
    expect(html).toContain('the &quot;Department&quot;');
    for (const raw of ['<b>', '<script', '<i>', '<u>', '<em>', '&"']) expect(html).not.toContain(raw);

    const md = renderMarkdown(fake);
    for (const raw of ['<b>', '<script', '<i>', '<u>', '<em>']) expect(md).not.toContain(raw);
    expect(md).toContain('Standard &lt;b&gt;&"&lt;/b&gt; text.');
  });

  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
    expect(escapeMarkdown('Industry & public support')).toBe('Industry & public support');
    expect(escapeMarkdown('a &amp; *b* <c> [d]_e_')).toBe('a &amp;amp; \\*b\\* &lt;c&gt; \\[d\\]\\_e\\_');
  });
});

describe('teaching kit content rules', () => {
  const guide = readFileSync(join(ROOT, 'docs', 'teaching-guide.md'), 'utf8');
  const source = new Set((JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'source-shingles.json'), 'utf8')) as { hashes: string[] }).hashes);

  it('copies no run of seven words from the source reports, in the guide or the briefing', () => {
    const copied = (text: string) =>
      text
        .split(/\n\s*\n/)
        .map((para) => para.replace(/\s+/g, ' '))
        .filter((para) => shingles(para).some((h) => source.has(h)))
        .map((para) => para.slice(0, 100));
    expect(copied(guide)).toEqual([]);
    // The scenario's own text is checked in scenarios.test.ts; here, what the script adds.
    const own = LEVELS.flatMap((l) => [...briefingDoc(march, l).howItWorks, ...briefingDoc(march, l).questions]).join('\n\n');
    expect(copied(own)).toEqual([]);
  });

  it('puts quotation marks in the guide only around reported terms and the game\'s own labels', () => {
    const reported = ['all lawful purposes', 'mass domestic surveillance', 'lethal autonomous weapons', 'analysis of bulk acquired data', 'supply chain risk', 'safety stack', 'carve-outs', 'constitutional ai'];
    const labels = ['what if', 'before you play', 'discuss', 'try it as a student'];
    const quoted = [...guide.matchAll(/[“"]([^”"]{3,})[”"]/g)].map((m) => words(m[1]!.replace(/\s+/g, ' ')).join(' '));
    const ok = [...reported, ...labels].map((r) => words(r).join(' '));
    expect(quoted.filter((q) => !ok.includes(q))).toEqual([]);
  });

  it('covers what a teacher needs, and keeps the reports\' disagreement visible', () => {
    for (const heading of ['Learning goals', 'lesson plan', 'Questions before play', 'Questions after play', 'Debrief prompts', 'Assessment rubric', 'Making the class link', 'Reading the class results', 'odds explorer', '"what if" branch', 'Debrief export', 'Privacy']) {
      expect(guide, heading).toMatch(new RegExp(`^##+ .*${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'im'));
    }
    expect(guide).toMatch(/disagree/);
    expect(guide).toMatch(/\(A2[,)]/);
    expect(guide).toMatch(/\(B2[,)]/);
    expect(guide).toMatch(/hypothetical/i);
    // The rubric: a table of four criteria, each with the same three or four levels.
    const rubric = guide.slice(guide.indexOf('## Assessment rubric'), guide.indexOf('\n## ', guide.indexOf('## Assessment rubric') + 1));
    const rows = rubric.split('\n').filter((l) => l.startsWith('| **'));
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(r.split(' | ').length).toBeGreaterThanOrEqual(4);
    // Every fact id cited exists (in the version the guide teaches: version 2's facts hold version 1's).
    const ids = new Set(loadMarch2().facts.map((f) => f.id));
    const cited = [...guide.matchAll(/\b([AB]\d{1,2})\b/g)].map((m) => m[1]!);
    expect(cited.length).toBeGreaterThan(20);
    expect(cited.filter((id) => !ids.has(id))).toEqual([]);
  });
});
