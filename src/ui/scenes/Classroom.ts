import * as Phaser from 'phaser';
import { classProblem, encodeClass, TIMER_CHOICES, type ClassSettings } from '../../core/classroom.ts';
import { findScenario, shortOf } from '../../core/catalogue.ts';
import { appOf, type App } from '../app.ts';
import { place } from '../dom.ts';
import { fitWidth, Kit, type TwinText } from '../kit.ts';
import { SceneKeys } from '../keys.ts';
import { canPlayDepartment, freshSeed } from '../session.ts';
import { classLink } from '../share.ts';
import { color, css } from '../theme.ts';
import { CLASS_OPPONENTS } from '../words.ts';

/** The class being made, kept while the teacher moves between the classroom screens. */
let draft: ClassSettings | null = null;

/** For teachers: make a class link (scenario, class seed, reading level, odds shown, decision timer, the Department's agent), and reach the class results and the odds explorer. */
export class Classroom extends Phaser.Scene {
  private app!: App;

  constructor() {
    super(SceneKeys.Classroom);
  }

  create() {
    this.app = appOf(this);
    const app = this.app;
    const s = app.session!.scenario;
    const c: ClassSettings = (draft ??= { scenario: s.id, version: s.version, seed: `class-${freshSeed()}`, level: 'standard', showOdds: false, timer: null, name: '', opponent: null });
    // The class plays the scenario chosen here (or on the title screen).
    c.scenario = s.id;
    c.version = s.version;
    const kit = new Kit(this, app.dom, app.settings, SceneKeys.Classroom, 'For teachers: the class link');
    kit.backdrop(0.15);

    const head = app.dom.group(kit.root, 'For teachers');
    kit.text(head, 40, 28, 'For teachers', { size: 13, color: color.redText, weight: 'bold', caps: true }, 'p');
    kit.text(head, 40, 48, 'Make a class link', { size: 34, weight: 'bold' }, 'h1');
    kit.text(head, 40, 96, 'Every student who opens the link plays this scenario with these settings fixed and the same dice, and gets a code to hand in at the end. Nothing is sent anywhere: the settings live in the link.', { size: 14, color: color.muted, width: 720 }, 'p');

    const form = app.dom.group(kit.root, 'Class settings', 'div');
    kit.panel(40, 150, 730, 500);
    let y = 170;
    // A row's heading and help, drawn; their twins name the row's field or buttons (aria-labelledby).
    let rows = 0;
    const rowLabel = (text: string, help?: string): string => {
      const id = `class-row-${++rows}`;
      kit.text(form, 64, y + 10, text, { size: 15, weight: 'bold' }, 'h2').twin!.id = id;
      if (help) kit.text(form, 64, y + 32, help, { size: 11, color: color.muted, width: 170 }, 'p', 'muted').twin!.id = `${id}-help`;
      return help ? `${id} ${id}-help` : id;
    };
    const field = (id: string, value: string, x: number, w: number, labelledBy: string, max: number, onInput: (v: string) => void) => {
      const input = app.dom.make('input', { id, type: 'text', class: 'field', autocomplete: 'off', spellcheck: 'false', maxlength: String(max), dir: 'auto', 'aria-labelledby': labelledBy });
      input.value = value;
      place(input, { x, y: y + 4, w, h: 40 });
      input.addEventListener('input', () => onInput(input.value));
      form.append(input);
      return input;
    };

    kit.text(form, 64, y + 10, 'Scenario', { size: 15, weight: 'bold' }, 'h2');
    const several = app.session!.choices.length > 1;
    // A scenario with a shortened version offers the lesson's length: the whole game, or 20 minutes.
    const catalogue = app.session!.catalogue;
    const full = s.short ? findScenario(catalogue, s.short.of.id, s.short.of.version) : null;
    const long = full?.ok ? full.scenario : s.short ? null : s;
    const short = long ? shortOf(catalogue, long) : null;
    const lengths = long && short;
    fitWidth(kit.text(form, 250, y + 12, lengths ? `${long.title} (v${long.version})` : `${s.title} (${s.id}, version ${s.version})`, { size: 15 }, 'p'), lengths ? 150 : several ? 380 : 500);
    if (lengths) {
      const help = kit.text(form, 64, y + 32, `the whole game, or ${short.short!.minutes} minutes`, { size: 11, color: color.muted, width: 170 }, 'p', 'muted');
      help.twin!.id = 'class-length-help';
      const group = app.dom.make('div', { role: 'group', 'aria-label': 'Lesson length', 'aria-describedby': 'class-length-help' });
      form.append(group);
      ([[long, 'Full game'], [short, `${short.short!.minutes} min`]] as const).forEach(([x, text], i) => {
        kit.button(group, text, { x: 410 + i * 116, y: y + 4, w: 108, h: 40 }, () => {
          app.session!.use(x);
          this.scene.restart();
        }, 'tab', { pressed: x === s, data: { classSetting: 'length', value: x === short ? 'short' : 'full' } });
      });
    }
    if (several) kit.button(form, 'Change', { x: lengths ? 652 : 640, y: y + 4, w: lengths ? 98 : 110, h: 40 }, () => void this.pickScenario(), 'secondary', { data: { action: 'class-scenario' } });
    y += 58;

    field('class-name', c.name, 250, 500, rowLabel('Class name', 'optional; students see it'), 60, (v) => ((c.name = v), this.refresh()));
    y += 60;

    const seedInput = field('class-seed', c.seed, 250, 340, rowLabel('Class seed', 'the same dice for everyone'), 200, (v) => ((c.seed = v), this.refresh()));
    kit.button(form, 'New seed', { x: 600, y: y + 4, w: 150, h: 40 }, () => {
      c.seed = `class-${freshSeed()}`;
      seedInput.value = c.seed;
      this.refresh();
    }, 'secondary', { data: { action: 'new-class-seed' } });
    y += 60;

    const choice = <T>(label: string, help: string, options: [T, string][], get: () => T, set: (v: T) => void, key: string) => {
      const group = app.dom.make('div', { role: 'group', 'aria-labelledby': rowLabel(label, help) });
      form.append(group);
      const buttons = options.map(([v, text], i) =>
        kit.button(group, text, { x: 250 + i * 100, y: y + 4, w: 92, h: 40 }, () => {
          set(v);
          buttons.forEach((b, k) => b.setSelected(options[k]![0] === v));
          this.refresh();
        }, 'tab', { pressed: get() === v, data: { classSetting: key, value: String(v) } }),
      );
      y += 60;
    };
    choice('Reading level', 'students cannot change it', [['standard', 'Standard'], ['simple', 'Simpler']], () => c.level, (v) => (c.level = v as ClassSettings['level']), 'level');
    choice('Show the odds', "each reaction's chance and roll", [[false, 'No'], [true, 'Yes']], () => c.showOdds, (v) => (c.showOdds = v), 'odds');
    choice('Decision timer', 'a soft countdown only', TIMER_CHOICES.map((t) => [t, t === null ? 'Off' : `${t} s`] as [number | null, string]), () => c.timer, (v) => (c.timer = v), 'timer');
    // The side students play (a scenario with the Department's briefing offers both), and at a
    // negotiating table who sits in the other chair: the scenario's own agent or a built-in one.
    if (canPlayDepartment(s)) {
      choice('Students play', 'a side, or in pairs', [[undefined, 'The lab'], ['department', 'The Dept.'], ['pair', '1 device'], ['links', '2 devices']] as [ClassSettings['side'], string][], () => c.side, (v) => {
        c.side = v;
        // A pair has no agent; the other chair's row names the other side: drawn again.
        if (v === 'pair' || v === 'links') c.opponent = null;
        this.scene.restart();
      }, 'side');
    } else delete c.side;
    if (s.negotiation && c.side !== 'pair' && c.side !== 'links') {
      const dept = c.side === 'department';
      choice(dept ? 'The lab' : 'The Department', 'its own agent, or hard, soft, random', [...CLASS_OPPONENTS], () => c.opponent, (v) => (c.opponent = v), 'opponent');
    } else c.opponent = null;

    // The link, on the right.
    const out = app.dom.group(kit.root, 'The class link');
    kit.panel(800, 150, 440, 500);
    kit.text(out, 824, 170, 'The class link', { size: 13, color: color.redText, weight: 'bold', caps: true }, 'h2');
    this.data.set('out', out);
    kit.panel(824, 200, 392, 110, color.bg, color.line, 8);
    const linkText = kit.text(out, 836, 210, '', { size: 12, lineSpacing: 3, width: 370 }, 'p', 'code').setPadding(0, 0, 0, 4);
    linkText.twin!.dataset.classLink = '';
    this.data.set('linkText', linkText);
    this.data.set('status', kit.text(out, 824, 318, '', { size: 12, color: color.up, width: 392 }, 'p', 'status'));
    kit.button(out, 'Copy the link', { x: 824, y: 346, w: 190, h: 44 }, () => void this.copy(), 'primary', { data: { action: 'copy-class-link' } });
    kit.button(out, 'Try it as a student', { x: 1024, y: 346, w: 192, h: 44 }, () => this.tryIt(), 'secondary', { data: { action: 'open-class-link' }, sub: 'opens the link in this tab' });
    kit.button(out, 'Show the link as a QR code', { x: 824, y: 398, w: 392, h: 44 }, () => this.qr(), 'secondary', { data: { action: 'class-qr' }, sub: 'to project: students join with a phone camera' });
    kit.text(out, 824, 456, 'Hand-in codes come back as replay codes. Paste them into Class results to see how the class chose, and open any run in the replay viewer.', { size: 12, color: color.muted, width: 392 }, 'p', 'muted');
    kit.button(out, 'Class results…', { x: 824, y: 530, w: 392, h: 48 }, () => app.go(SceneKeys.Results, { classSeed: c.seed, classOpponent: c.side === 'department' ? null : c.opponent }), 'secondary', { data: { action: 'results' }, sub: 'paste or upload the codes students hand in' });
    kit.button(out, 'Odds explorer', { x: 824, y: 588, w: 392, h: 48 }, () => app.go(SceneKeys.Odds, { back: SceneKeys.Classroom }), 'secondary', { data: { action: 'odds' }, sub: 'endings over many seeds, by strategy or agent' });

    const nav = app.dom.group(kit.root, 'Leave', 'div');
    kit.button(nav, 'Title screen', { x: 1040, y: 666, w: 200, h: 40 }, () => app.go(SceneKeys.Title), 'quiet', { data: { action: 'title' } });
    this.refresh();
  }

  /** Offers the scenarios the game has; the class is made for the one picked. */
  private async pickScenario() {
    const session = this.app.session!;
    const choices = session.choices;
    const i = await this.app.pick(
      'Scenario for the class',
      'Every student who opens the link plays this scenario, at this version.',
      choices.map((x) => ({ label: x.title, detail: `${x.id}, version ${x.version}`, disabled: x === session.scenario })),
    );
    if (i === null) return;
    session.use(choices[i]!);
    this.scene.restart();
  }

  /** The link for the current settings, or what is wrong with them. */
  private refresh() {
    const c = draft!;
    const s = this.app.session!.scenario;
    const problem = classProblem(c, [s]);
    const linkText = this.data.get('linkText') as TwinText;
    const status = this.data.get('status') as Phaser.GameObjects.Text;
    if (problem) {
      linkText.setText('');
      status.setText(problem).setColor(css(color.redText));
      this.data.set('link', null);
      return;
    }
    const link = classLink(encodeClass(c, [s]));
    this.data.set('link', link);
    linkText.setText(link);
    status.setText('');
  }

  private async copy() {
    const link = this.data.get('link') as string | null;
    const status = this.data.get('status') as Phaser.GameObjects.Text;
    if (!link) return;
    if (await this.app.copy(link, 'Class link')) {
      status.setText('The link is copied: share it with the class.').setColor(css(color.up));
      this.app.dom.announce('The class link is copied.');
    }
  }

  private qr() {
    const link = this.data.get('link') as string | null;
    if (link) this.app.showQr('The class link', 'Project this: students open the class link by pointing a phone camera at it. The link is written out below it too.', link);
  }

  private tryIt() {
    const link = this.data.get('link') as string | null;
    if (link) location.assign(link);
  }
}
