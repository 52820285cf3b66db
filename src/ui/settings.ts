/** Player settings, kept in localStorage. A damaged or missing entry falls back to defaults. */
export type TextSize = 'normal' | 'large' | 'larger';
export interface Settings {
  textSize: TextSize;
  reducedMotion: 'system' | 'on' | 'off';
  textView: 'auto' | 'on' | 'off';
  level: 'standard' | 'simple';
}

const KEY = 'red-lines:settings';
export const DEFAULTS: Settings = { textSize: 'normal', reducedMotion: 'system', textView: 'auto', level: 'standard' };

const ALLOWED: { [K in keyof Settings]: readonly Settings[K][] } = {
  textSize: ['normal', 'large', 'larger'],
  reducedMotion: ['system', 'on', 'off'],
  textView: ['auto', 'on', 'off'],
  level: ['standard', 'simple'],
};

export function loadSettings(): Settings {
  const out: Settings = { ...DEFAULTS };
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Record<string, unknown>;
    for (const k of Object.keys(ALLOWED) as (keyof Settings)[]) {
      if ((ALLOWED[k] as readonly unknown[]).includes(raw[k])) (out as unknown as Record<string, unknown>)[k] = raw[k];
    }
  } catch {
    // Unreadable settings are replaced by the defaults on the next save; nothing else is touched.
  }
  return out;
}

export function saveSettings(s: Settings): string | null {
  try {
    localStorage.setItem(KEY, JSON.stringify(s));
    return null;
  } catch {
    return 'Settings could not be saved (browser storage is full or blocked); they apply until you close the page.';
  }
}

export const textScale = (s: Settings) => ({ normal: 1, large: 1.15, larger: 1.3 })[s.textSize];

export function reducedMotion(s: Settings): boolean {
  if (s.reducedMotion !== 'system') return s.reducedMotion === 'on';
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Whether the DOM layer is the main view: asked for, or a narrow screen, or no WebGL. */
export function textViewOn(s: Settings, webgl: boolean): boolean {
  if (!webgl) return true;
  if (s.textView !== 'auto') return s.textView === 'on';
  return typeof innerWidth === 'number' && innerWidth < 700;
}
