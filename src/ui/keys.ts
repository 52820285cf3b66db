/** Scene keys: one constant, so scenes are never switched by loose strings. */
export const SceneKeys = {
  Boot: 'Boot',
  Preloader: 'Preloader',
  Title: 'Title',
  Briefing: 'Briefing',
  Table: 'Table',
  Talks: 'Talks',
  Phase: 'Phase',
  Ending: 'Ending',
  Sources: 'Sources',
  Settings: 'Settings',
  Replay: 'Replay',
  Runs: 'Runs',
  Compare: 'Compare',
  Classroom: 'Classroom',
  Results: 'Results',
  Odds: 'Odds',
  Handover: 'Handover',
  Send: 'Send',
  Glossary: 'Glossary',
} as const;
export type SceneKey = (typeof SceneKeys)[keyof typeof SceneKeys];
