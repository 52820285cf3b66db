/** Types for seedrandom's alea generator imported on its own (the package's own types cover only its index). */
declare module 'seedrandom/lib/alea.js' {
  import type seedrandom from 'seedrandom';
  const alea: (seed?: string) => seedrandom.PRNG;
  export default alea;
}
