import * as Phaser from 'phaser';
import { appOf, type App } from '../app.ts';
import { Kit, type TwinText } from '../kit.ts';
import { SceneKeys } from '../keys.ts';
import { SIDE_NAMES } from '../words.ts';
import { color, css, W } from '../theme.ts';

/**
 * Two players on two devices: this device's turn is over (or the game has ended). The turn link
 * to send to the other player, a button to copy it, and a way to open the link that comes back.
 * The link carries moves and hashes, never values; nothing here shows either side's values.
 */
export class Send extends Phaser.Scene {
  private app!: App;

  constructor() {
    super(SceneKeys.Send);
  }

  create() {
    const app = (this.app = appOf(this));
    const session = app.session!;
    const ended = session.done;
    const mine = session.seat?.mine ?? 'lab';
    const other = mine === 'lab' ? 'department' : 'lab';
    const link = session.turnLink();
    app.dom.app.dataset.turnLink = link;
    this.events.once('shutdown', () => delete app.dom.app.dataset.turnLink);
    const kit = new Kit(this, app.dom, app.settings, SceneKeys.Send, ended ? 'The game has ended: send the last link' : `Send your turn to ${SIDE_NAMES[other]}`);
    kit.backdrop(0.1);
    kit.text(kit.root, 80, 60, `Two devices · you play ${SIDE_NAMES[mine]} · seed ${session.context.seed} · move ${session.record().choices.length}`, { size: 14, color: color.redText, weight: 'bold', caps: true }, 'p');
    kit.text(kit.root, 80, 92, ended ? 'The game has ended' : `Your turn is over: send it to ${SIDE_NAMES[other]}`, { size: 36, weight: 'bold' }, 'h1');
    kit.text(
      kit.root,
      80,
      150,
      ended
        ? `Send this last link to the player of ${SIDE_NAMES[other]}, so their device shows the ending too; then open the debrief, where both sides' values are revealed.`
        : `Send this link to the player of ${SIDE_NAMES[other]} (chat, e-mail or your class's platform). Opening it shows the negotiation from their side. When they have moved, they send a link back: open it here, or open it in this browser.`,
      { size: 16, font: 'prose', width: 1100 },
      'p',
      'prose',
    );
    kit.panel(80, 230, 1120, 150, color.bg, color.line, 8);
    const code = kit.text(kit.root, 96, 244, link, { size: 13, width: 1090, lineSpacing: 4 }, 'p', 'code');
    // Room below the baseline, so an underscore of the code is drawn whole.
    code.setFontFamily('ui-monospace, monospace').setPadding(0, 0, 0, 4);
    const status = kit.text(kit.root, 80, 396, '', { size: 14, color: color.up, width: 1100 }, 'p', 'status');
    kit.button(kit.root, 'Copy the link', { x: 80, y: 440, w: 260, h: 56 }, () => void this.copy(link, status), 'primary', { data: { action: 'copy-turn-link' } });
    if (ended) kit.button(kit.root, 'See the debrief', { x: 360, y: 440, w: 260, h: 56 }, () => app.go(SceneKeys.Ending), 'secondary', { data: { action: 'debrief' } });
    else kit.button(kit.root, 'Open their link…', { x: 360, y: 440, w: 260, h: 56 }, () => void this.openTheirs(status), 'secondary', { sub: 'paste the link they sent', data: { action: 'open-turn-link' } });
    kit.button(kit.root, 'Title screen', { x: W - 280, y: 640, w: 200, h: 44 }, () => app.go(SceneKeys.Title), 'quiet', { data: { action: 'title' } });
    if (session.saveProblem) status.setText(session.saveProblem).setColor(css(color.redText));
  }

  private async copy(link: string, status: TwinText) {
    if (await this.app.copy(link, 'Turn link')) {
      status.setText('The link is copied: send it to the other player.').setColor(css(color.up));
      this.app.dom.announce('The turn link is copied.');
    }
  }

  private async openTheirs(status: TwinText) {
    const app = this.app;
    const text = await app.ask('Open their link', 'The link (or its code) the other player sent', '', (v) => (v.trim() ? null : 'Paste the link the other player sent.'));
    if (text === null) return;
    const code = codeOfTurnLink(text);
    const r = app.session!.openTurn(code);
    if (!r.ok) {
      status.setText(r.message).setColor(css(color.redText));
      app.dom.announce(r.message);
      return;
    }
    app.showRun();
  }
}

/** The code of a turn link, or of a pasted code itself: the `turn` parameter of a link, else the text. */
export function codeOfTurnLink(text: string): string {
  const t = text.trim();
  try {
    const u = new URL(t);
    return u.searchParams.get('turn') ?? t;
  } catch {
    return t;
  }
}
