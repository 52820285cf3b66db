import * as Phaser from 'phaser';
import { SceneKeys } from '../keys.ts';

/** Starts the preloader; nothing to load before the loading bar can be drawn. */
export class Boot extends Phaser.Scene {
  constructor() {
    super(SceneKeys.Boot);
  }
  create() {
    this.scene.start(SceneKeys.Preloader);
  }
}
