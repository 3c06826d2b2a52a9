/** linebreak 1.x (UAX #14) ships no types; the part the receipt wrapper uses. */
declare module 'linebreak' {
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): { position: number; required: boolean } | null;
  }
}
