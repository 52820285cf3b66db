/**
 * The Phaser the page bundles: Phaser's own "core" entry (renderers, scenes, loader, text,
 * graphics, images, tweens, time, scale) plus the SVG loader the art needs and the rectangle the loading bar is. It leaves out what
 * Red Lines never uses: physics engines, tilemaps, particles, sound, spine, cameras 3D. The
 * types are still the full `phaser` package's (vite.config.ts aliases "phaser" to this file).
 */
const Phaser = require('../../node_modules/phaser/src/phaser-core.js');
require('../../node_modules/phaser/src/loader/filetypes/SVGFile.js');
require('../../node_modules/phaser/src/gameobjects/shape/rectangle/RectangleFactory.js');
module.exports = Phaser;
