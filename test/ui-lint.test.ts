/**
 * One drawing path: scenes draw text only through the kit (src/ui/kit.ts), whose TwinText keeps
 * the canvas and the DOM layer saying the same words, and name colours from the one palette
 * (src/ui/theme.ts). A scene that writes canvas text or DOM text on its own, or a colour by its
 * hex value, fails here, with the file and line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.ts';

const SCENES = join(ROOT, 'src', 'ui', 'scenes');

const RULES: [RegExp, string][] = [
  [/\badd\.text\(|\bmake\.text\(|new Phaser\.GameObjects\.Text\(/, 'draws a text outside the kit (use kit.text)'],
  [/\.textContent\s*=|\.innerText\s*=|\.innerHTML|insertAdjacentHTML/, 'writes DOM text outside the kit (use kit.text or a TwinText)'],
  [/\bdom\.(text|item|heading)\(/, 'writes a DOM text with no canvas twin (use kit.text, or kit.describe for a drawing put into words)'],
  [/\b0x[0-9a-fA-F]{6}\b/, 'names a colour by its hex value (add it to the palette in src/ui/theme.ts)'],
];

/** Every line of every scene that breaks a rule, as "file:line: why: the line". */
function violations(): string[] {
  const out: string[] = [];
  for (const f of readdirSync(SCENES).filter((x) => x.endsWith('.ts'))) {
    readFileSync(join(SCENES, f), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (/^\s*(\/\/|\*|\/\*)/.test(line)) return;
        for (const [re, why] of RULES) if (re.test(line)) out.push(`src/ui/scenes/${f}:${i + 1}: ${why}: ${line.trim()}`);
      });
  }
  return out;
}

describe('scenes draw only through the kit', () => {
  it('write no canvas or DOM text of their own and name no colour by hex value', () => {
    expect(violations()).toEqual([]);
  });

  it('(the check finds what it looks for)', () => {
    const probe = ["this.add.text(1, 2, 'x')", "el.textContent = 'x'", "app.dom.item(list, 'x')", 'fill(0xff0000)'];
    for (const line of probe) expect(RULES.some(([re]) => re.test(line)), line).toBe(true);
    expect(RULES.some(([re]) => re.test("kit.text(list, 1, 2, 'x', {}, 'li')"))).toBe(false);
  });
});
