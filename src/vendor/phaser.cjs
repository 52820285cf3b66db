/**
 * The Phaser the page bundles: Phaser's own "core" entry (renderers, scenes, loader, text,
 * graphics, images, tweens, time, scale) plus the SVG loader the emblem needs. It leaves out what
 * Red Lines never uses: physics engines, tilemaps, particles, shapes, sound, spine, cameras 3D. The
 * types are still the full `phaser` package's (vite.config.ts aliases "phaser" to this file).
 */
const Phaser = require('../../node_modules/phaser/src/phaser-core.js');
require('../../node_modules/phaser/src/loader/filetypes/SVGFile.js');
module.exports = Phaser;
