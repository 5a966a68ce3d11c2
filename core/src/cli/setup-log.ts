/**
 * The stderr log of a course run. While the teams' worlds are built from one configuration they
 * say the same things (a media domain on the public world model, the voice engine found): each
 * line once is enough. Once the run starts (`started()`), every line goes out as it comes.
 */
export class SetupLog {
  private said: Set<string> | undefined = new Set();

  constructor(private readonly print: (line: string) => void) {}

  readonly log = (line: string): void => {
    if (this.said) {
      if (this.said.has(line)) return;
      this.said.add(line);
    }
    this.print(line);
  };

  started(): void {
    this.said = undefined;
  }
}
