import * as Phaser from 'phaser';
import type { TalkView } from '../../core/talk-view.ts';
import type { TableView } from '../../core/view.ts';
import { appOf, type App } from '../app.ts';
import { fitHeight, fitWidth, Kit, relabel, type KitButton } from '../kit.ts';
import { SceneKeys } from '../keys.ts';
import { TalksState, type LegalMove } from '../talks-state.ts';
import { color, W } from '../theme.ts';
import { decisionTimer, pieces } from '../table-widgets.ts';
import { longDate, shortDate } from '../words.ts';

const LEFT = 24;
const LEFT_W = 832;
const RIGHT = 872;
const RIGHT_W = 384;

/**
 * The negotiating table (version 2): the contract clause by clause, with the Department's offer
 * and a package builder showing the lab's own score and what it can know of theirs; the
 * Department's answer and its reason; the deadline and the lab's value of no deal; the day's
 * situation with its story moves; the probes; accepting their offer; walking away.
 *
 * Keys: 1…n pick a move in the core's order (story moves, probes, the proposal, accepting,
 * walking away) and Enter commits it; pressing 1 then Enter at every step plays the command
 * line's `first` strategy. A clause's button changes its wording (the left arrow
 * goes back). What is shown and how moves are picked live in TalksState; the numbers and words
 * come from the core's views.
 */
export class Talks extends Phaser.Scene {
  private kit!: Kit;
  private app!: App;
  private state!: TalksState;
  private talk!: TalkView;
  private moveButtons: KitButton[] = [];
  private timer: Phaser.Time.TimerEvent | null = null;
  private clauseButtons = new Map<string, { button: KitButton; info: ReturnType<Kit['text']> }>();
  private score!: ReturnType<Kit['text']>;

  constructor() {
    super(SceneKeys.Talks);
  }

  create() {
    this.app = appOf(this);
    const app = this.app;
    const session = app.session!;
    if (session.done) {
      app.go(SceneKeys.Ending);
      return;
    }
    const legal = session.moves();
    if (!legal.some((m) => m.kind === 'propose')) {
      app.go(SceneKeys.Table);
      return;
    }
    const level = app.settings.level;
    const t = (this.talk = session.talk(level));
    const table = session.table(level);
    this.state = new TalksState(
      legal.map((m): LegalMove => ({ kind: m.kind, token: m.token })),
      t.clauses.map((c) => ({ id: c.id, options: c.options.map((o) => o.id) })),
    );
    this.moveButtons = [];
    this.clauseButtons.clear();
    const kit = (this.kit = new Kit(this, app.dom, app.settings, SceneKeys.Talks, 'Negotiating table'));
    kit.backdrop(0.3);
    app.dom.app.dataset.turn = String(session.record().choices.length);
    this.timer = null;
    this.events.once('shutdown', () => {
      delete app.dom.app.dataset.turn;
      this.timer?.remove();
      this.timer = null;
    });

    this.topBar(table, t);
    this.answer(t);
    // The round's card comes before the contract in reading order (the text view on a phone, a
    // screen reader): it says what this round is about; the moves come after the contract.
    const movesTop = this.card(table, t);
    this.contract(t);
    this.situation(table);
    this.moves(table, t, legal, movesTop);
    if (session.saveProblem) app.dom.announce(session.saveProblem);

    app.keys((e) => {
      // 1…9 pick the first nine moves, 0 the tenth.
      const n = e.key === '0' ? 10 : Number(e.key);
      if (/^[0-9]$/.test(e.key) && this.state.pick(n)) {
        this.showPicked();
        this.moveButtons[n - 1]?.el.focus();
        return true;
      }
      if (e.key === 'Enter' && this.state.selected && !(e.target instanceof HTMLButtonElement)) {
        this.commit();
        return true;
      }
      return false;
    });
  }

  private topBar(v: TableView, t: TalkView) {
    const kit = this.kit;
    const head = this.app.dom.group(kit.root, 'Where the talks stand', 'section');
    kit.text(head, LEFT, 18, `Phase ${v.phase.number} of ${v.phase.of} · ${v.phase.title}`, { size: 13, color: color.redText, weight: 'bold', caps: true }, 'p');
    kit.text(head, LEFT, 38, longDate(v.date), { size: 22, weight: 'bold' }, 'h1');
    const deadline = t.deadline ? `Round ${t.round} of ${t.rounds} · deadline ${shortDate(t.deadline)} (${t.daysLeft} ${t.daysLeft === 1 ? 'day' : 'days'} left)` : '';
    kit.text(head, W - 128, 18, deadline, { size: 14, weight: 'bold', align: 'right' }, 'p');
    kit.text(head, W - 128, 40, `Your value of no deal: ${Math.round(t.walkAway)} of 100`, { size: 14, color: color.muted, align: 'right' }, 'p');
    const menu = kit.button(head, 'Menu', { x: W - 112, y: 9, w: 88, h: 34 }, () => this.app.openMenu(), 'quiet');
    menu.el.setAttribute('aria-keyshortcuts', 'Escape');
    // Between the date and the deadline: the class's decision timer, or a what-if's branch point.
    const timer = this.app.classMode?.timer ?? null;
    if (timer) this.timer = decisionTimer(this, kit, head, 760, 18, timer, (text) => this.app.dom.announce(text));
    const branch = this.app.session!.branch;
    if (branch) pieces(kit, head, 760, timer ? 42 : 28, ['What if', `branched at move ${branch.at + 1}`], { size: 12, weight: 'bold', color: color.gold, caps: true }, { tag: 'p', align: 'right', cls: 'branch-note' });
  }

  private answer(t: TalkView) {
    const kit = this.kit;
    // The other side's last move: the Department's answer, or (playing the Department) the lab's move.
    const dept = t.side === 'department';
    const region = this.app.dom.group(kit.root, dept ? 'The lab\'s move' : 'The Department\'s answer', 'section');
    kit.panel(LEFT, 76, LEFT_W, 74);
    kit.text(region, LEFT + 16, 86, dept ? 'The lab' : 'The Department', { size: 12, color: color.redText, weight: 'bold', caps: true }, 'h2');
    this.app.markTerms(kit, fitHeight(kit.text(region, LEFT + 16, 102, t.answer?.text ?? '', { size: 14, font: 'prose', width: LEFT_W - 32 }, 'p', 'prose'), 48));
  }

  private contract(t: TalkView) {
    const kit = this.kit;
    const region = this.app.dom.group(kit.root, 'The contract', 'section');
    kit.text(region, LEFT, 162, 'The contract', { size: 13, color: color.redText, weight: 'bold', caps: true }, 'h2');
    fitWidth(kit.text(region, LEFT + 200, 163, 'Your text: press a clause to change its wording (the arrow keys go both ways)', { size: 12, color: color.muted }, 'p'), LEFT_W - 320);
    kit.text(region, LEFT + LEFT_W, 163, 'Their offer', { size: 12, color: color.muted, align: 'right' }, 'p');
    const list = this.app.dom.group(region, 'Clauses', 'ul');
    // Not `.t` holders: each row holds a real button, which must stay where the player clicks.
    list.style.listStyle = 'none';
    const rowH = 64;
    t.clauses.forEach((c, i) => {
      const y = 186 + i * rowH;
      const li = kit.dom.make('li', { class: 'clause' });
      list.append(li);
      kit.panel(LEFT, y, LEFT_W, rowH - 6, color.panel);
      fitWidth(kit.text(li, LEFT + 14, y + 8, c.title, { size: 13, weight: 'bold' }, 'h3'), 168);
      kit.text(li, LEFT + 14, y + 30, `weighs ${Math.round(c.weight * 100)}% for you`, { size: 12, color: color.muted }, 'p');
      const theirs = c.options.find((o) => o.inTheirs);
      const b = kit.button(li, this.optionLabel(c.id), { x: LEFT + 196, y: y + 6, w: 290, h: rowH - 18 }, () => this.step(c.id, 1), 'choice', {
        sub: 'press to change the wording',
        descriptionAfter: true,
        data: { clause: c.id, option: this.state.package[c.id]! },
      });
      fitWidth(b.label, 270);
      // Two short lines; at larger text sizes they shrink to stay inside the row.
      const info = fitHeight(kit.text(li, LEFT + 500, y + 8, this.optionSub(c.id), { size: 12, color: color.muted }, 'p'), rowH - 14);
      fitWidth(kit.text(li, LEFT + LEFT_W - 14, y + 10, theirs?.label ?? '(none yet)', { size: 13, align: 'right' }, 'p'), 230);
      if (theirs) kit.text(li, LEFT + LEFT_W - 14, y + 30, `yours ${theirs.own} · theirs ${theirs.theirs[0]}-${theirs.theirs[1]}`, { size: 12, color: color.muted, align: 'right' }, 'p');
      b.el.addEventListener('keydown', (e) => {
        if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
          this.step(c.id, e.key === 'ArrowLeft' ? -1 : 1);
          e.preventDefault();
        }
      });
      this.clauseButtons.set(c.id, { button: b, info });
    });
    this.score = kit.text(region, LEFT, 186 + t.clauses.length * rowH + 4, this.scoreText(), { size: 14, weight: 'bold' }, 'p');
  }

  /** The meters and the latest news, under the contract. */
  private situation(v: TableView) {
    const kit = this.kit;
    const region = this.app.dom.group(kit.root, 'Meters and news', 'section');
    const y = 616;
    const metersHead = kit.text(region, LEFT, y, 'Meters', { size: 12, color: color.redText, weight: 'bold', caps: true }, 'h2');
    const newsHead = kit.text(region, LEFT, y + 26, 'News', { size: 12, color: color.redText, weight: 'bold', caps: true }, 'h2');
    // The values start after the longer label (which grows with the text size).
    const vx = LEFT + Math.max(70, Math.max(metersHead.width, newsHead.width) + 14);
    const values = fitWidth(kit.text(region, vx, y, v.meters.map((m) => `${m.short} ${m.value}`).join('   '), { size: 13 }, 'p'), LEFT + LEFT_W - vx);
    // In reading order the meters' values follow their heading, and the news its own.
    if (values.twin && newsHead.twin) values.twin.after(newsHead.twin);
    const news = v.news.slice(-2).reverse();
    const list = this.app.dom.group(region, 'Latest news', 'ul');
    if (news.length === 0) kit.text(list, vx, y + 26, 'Nothing yet.', { size: 13, color: color.muted }, 'li');
    // In a class that shows the odds, each item also says its chance and the roll (as the story's Table does).
    const odds = this.app.classMode?.showOdds === true;
    const dice = (n: (typeof news)[number]) => (odds ? ` (Chance ${Math.round(n.chance * 100)}%, rolled ${Math.round(n.roll * 100)}.)` : '');
    news.forEach((n, i) => fitWidth(kit.text(list, vx, y + 26 + i * 22, `${shortDate(n.date)}  ${n.stakeholderName}: ${n.headline}${dice(n)}`, { size: 13, color: i === 0 ? color.text : color.muted }, 'li'), LEFT + LEFT_W - vx));
  }

  /** The builder's wording of a clause, as the button's label. */
  private optionLabel(clause: string): string {
    const c = this.talk.clauses.find((x) => x.id === clause)!;
    return c.options.find((x) => x.id === this.state.package[clause])!.label;
  }

  private optionSub(clause: string): string {
    const c = this.talk.clauses.find((x) => x.id === clause)!;
    const o = c.options.find((x) => x.id === this.state.package[clause])!;
    return `yours ${o.own}\ntheirs ${o.theirs[0]}-${o.theirs[1]}`;
  }

  private scoreText(): string {
    const s = this.app.session!;
    const pkg = s.packageScore(this.state.package);
    return `Your text is worth ${pkg} of 100 to you (no deal: ${Math.round(this.talk.walkAway)}).`;
  }

  /** Changes a clause's wording by one step, either way. */
  private step(clause: string, by: 1 | -1) {
    this.state.step(clause, by);
    const row = this.clauseButtons.get(clause)!;
    relabel(row.button, this.optionLabel(clause));
    row.button.el.dataset.option = this.state.package[clause]!;
    fitWidth(row.button.label, 270);
    row.info.setText(this.optionSub(clause));
    this.score.setText(this.scoreText());
  }

  /**
   * The round's card, above the moves: the beat's card for the lab; for the Department, the
   * scenario's card for it (a tutorial's lesson) and the lab's story moves since its last answer.
   * Returns where the moves start.
   */
  private card(v: TableView, t: TalkView): number {
    const kit = this.kit;
    let y = 76;
    if (t.side === 'department') {
      const region = this.app.dom.group(kit.root, 'This round', 'section');
      // The scenario's card for the Department at this beat (a tutorial's lesson), drawn as the lab's beat card is.
      if (t.card) y = this.cardPanel(region, y, t.card.title, t.card.text, v.beat);
      // The Department makes no story moves: the lab's, since the Department last answered, are shown instead.
      const h = t.card ? 96 : 150;
      kit.panel(RIGHT, y, RIGHT_W, h);
      kit.text(region, RIGHT + 14, y + 10, 'What the lab did outside the room', { size: 15, weight: 'bold' }, 'h2');
      const done = this.app.dom.group(region, 'The lab\'s story moves since your last answer', 'ul');
      const lines = t.since.length ? t.since.slice(t.card ? -2 : -4) : ['Nothing since your last answer.'];
      let ly = y + 36;
      for (const line of lines) {
        const el = fitHeight(kit.text(done, RIGHT + 14, ly, line, { size: 12, width: RIGHT_W - 28, color: t.since.length ? color.text : color.muted }, 'li'), t.card ? 24 : 40);
        ly += el.height + 6;
        if (ly > y + h - 10) break;
      }
      y += h + 10;
    } else if (v.beat) y = this.cardPanel(this.app.dom.group(kit.root, 'This round', 'section'), y, v.beat.title, v.beat.card, v.beat);
    return y;
  }

  /** A card at `y` in the right column: its title, its text with glossary terms marked, the beat's grounding. Returns where the next part starts. */
  private cardPanel(region: HTMLElement, y: number, title: string, text: string, grounding: TableView['beat']): number {
    const kit = this.kit;
    kit.panel(RIGHT, y, RIGHT_W, 150);
    kit.text(region, RIGHT + 14, y + 10, title, { size: 15, weight: 'bold' }, 'h2');
    this.app.markTerms(kit, fitHeight(kit.text(region, RIGHT + 14, y + 34, text, { size: 13, font: 'prose', width: RIGHT_W - 28 }, 'p', 'prose'), 86));
    if (grounding) kit.grounding(region, RIGHT + 14, y + 126, grounding, RIGHT_W - 28);
    return y + 160;
  }

  private moves(v: TableView, t: TalkView, legal: readonly { kind: string; token: string }[], top: number) {
    const kit = this.kit;
    const region = this.app.dom.group(kit.root, 'Your moves', 'section');
    // The canvas shows the moves as buttons under the card; the text view heads them.
    region.append(this.app.dom.make('h2', { class: 'text-only' }, 'Your moves'));
    let y = top;
    const list = this.app.dom.group(region, 'Moves', 'ol');
    list.style.listStyle = 'none';
    // Taller rows when the moves are few enough to fit the canvas so (ten fit at 40).
    const h = legal.length <= 10 ? 40 : 36;
    const label = (m: { kind: string; token: string }, i: number): [string, string] => {
      // The number keys reach the first ten moves (0 is the tenth); every move is a button Tab reaches.
      const key = i < 9 ? `${i + 1}. ` : i === 9 ? '0. ' : '';
      if (m.kind === 'choice') {
        const c = v.choices.find((x) => x.id === m.token)!;
        return [key + c.label, c.tradeoffs.join('; ')];
      }
      if (m.kind === 'probe') {
        const p = t.probes.find((x) => `probe:${x.id}` === m.token)!;
        return [key + p.label, p.cost ? `reveals some of their values · ${p.cost}` : 'a question: it reveals some of their values'];
      }
      if (m.kind === 'propose') return [`${key}Propose your text`, 'then Enter, or press again'];
      if (m.kind === 'accept') return [`${key}Accept their offer`, `worth ${t.offers.theirs?.own ?? 0} of 100 to you`];
      return [`${key}Walk away`, 'end these talks with no deal'];
    };
    legal.forEach((m, i) => {
      const li = kit.dom.make('li', { class: 'move' });
      list.append(li);
      const [text, sub] = label(m, i);
      const b = kit.button(li, text, { x: RIGHT, y, w: RIGHT_W, h }, () => this.press(i + 1), m.kind === 'propose' ? 'primary' : 'secondary', { sub, descriptionAfter: true, data: { move: m.kind, token: m.kind === 'propose' ? 'propose' : m.token } });
      fitWidth(b.label, RIGHT_W - 24);
      this.moveButtons.push(b);
      y += h + 4;
    });
    if (t.revealed.length) {
      const known = this.app.dom.group(region, 'What your questions found', 'ul');
      for (const r of t.revealed.slice(-3)) {
        fitWidth(kit.text(known, RIGHT, Math.min(y + 4, 700), r, { size: 11, color: color.muted }, 'li'), RIGHT_W);
        y += 16;
      }
    }
  }

  private press(key: number) {
    const was = this.state.selected;
    const now = this.state.pick(key);
    if (was && now && was.token === now.token) this.commit();
    else this.showPicked();
  }

  private showPicked() {
    const sel = this.state.selected;
    this.moveButtons.forEach((b, i) => b.setSelected(sel !== null && this.state.legal[i] === sel));
  }

  private commit() {
    const token = this.state.commit();
    if (!token) return;
    const app = this.app;
    const session = app.session!;
    const before = { ...session.context.meters };
    const was = session.toMove;
    const out = session.play(token);
    if (typeof out === 'string') {
      app.dom.announce(out);
      return;
    }
    const fresh = out.news.map((n) => n.reaction);
    // In a game of two players the other side's move is announced on its own screen, after the hand-over.
    if (!out.ended && !(session.pair && session.toMove !== was)) {
      const answer = session.talk(app.settings.level).answer?.text;
      app.dom.announce([answer, ...out.news.map((n) => `${n.stakeholderName}: ${n.headline}`)].filter(Boolean).join('. '));
    }
    app.afterMove(out, was, { fresh, before }, () => this.scene.restart());
  }
}
