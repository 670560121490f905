// Stands in for @resvg/resvg-js in the browser bundle (see vite.config.ts): @memsim/plot's `renderPng` is Node-only
// until issue 19 moves it to @resvg/resvg-wasm or a Node entry.
export class Resvg {
  constructor() {
    throw new Error('renderPng needs Node (@resvg/resvg-js is a native addon; see issue 19)');
  }
}
