/** The pure, deterministic core of Red Lines: everything the browser and the CLI share. */
export { draw, DICE_ALGORITHM } from './dice.ts';
export { canonicalJson, fnv1a64, stateHash } from './hash.ts';
export { checkReferences, formatError, loadScenario, loadScenarioSet, type LoadError, type LoadResult } from './loader.ts';
export { prose } from './prose.ts';
export * from './view.ts';
export { createNegotiationMachine, negotiationConfig, type NegotiationEvent, type NegotiationMachine } from './machine.ts';
export {
  CODE_FORMAT,
  CODE_PREFIX,
  CodeError,
  decodeCode,
  encodeCode,
  recordToCode,
  resolveCode,
  type CodeErrorKind,
  type Decoded,
  type RunRecord,
} from './record.ts';
export { addDays, chanceOf, holds, indexOf, offered, type RunContext, type TimelineEntry } from './rules.ts';
export {
  checkSeed,
  MAX_SEED_LENGTH,
  pickChoice,
  playFast,
  playLive,
  replayRecord,
  strategiesOf,
  summarize,
  type RunSummary,
} from './run.ts';
export { findScenario, latestVersions, versionsText, type Found } from './catalogue.ts';
export { scenarioJsonSchema, ScenarioSchema, type Scenario } from './schema.ts';
export { simSeed, simulate, type SimResult } from './simulate.ts';
export { startRun, stepRun, type StepperSnapshot } from './stepper.ts';
export {
  engineOf,
  foldMoves,
  foldRecord,
  LoopError,
  machineOf,
  MAX_MICROSTEPS,
  movesFrom,
  playRecord,
  positionsFrom,
  problemMessage,
  type Engine,
  type EngineKind,
  type FoldProblem,
  type FoldStep,
  type Folded,
  type Move,
  type MoveSource,
  type RecordFold,
  type RunState,
} from './engine.ts';
export { scenarioStats, type ScenarioStats } from './stats.ts';
export { branchRecord, compareRuns, type ReactionDifference, type RunComparison } from './compare.ts';
export { exportRunFile, importRunFile, RUN_FILE_FORMAT, RUN_FILE_VERSION, type RunFile, type RunFileResult } from './runfile.ts';
export { buildReplay, checkHash, openCode, type HashCheck, type Opened, type Replay, type ReplayFrame } from './replay.ts';
export {
  addToHistory,
  HISTORY_FORMAT,
  HISTORY_SIZE,
  readHistory,
  readSave,
  recordProblem,
  SAVE_FORMAT,
  sameRecord,
  writeHistory,
  writeSave,
  type Branch,
  type HistoryEntry,
  type Save,
} from './saves.ts';
export { CLASS_FORMAT, classProblem, decodeClass, encodeClass, TIMER_CHOICES, type ClassResult, type ClassSettings } from './classroom.ts';
export { classResults, csvField, resultsCsv, splitPasted, type ClassEntry, type ClassResults, type Rejected, type Submission } from './results.ts';
