export class Counter {
  value = 0;
  constructor(
    readonly name: string,
    readonly labels: Readonly<Record<string, string>>,
  ) {}

  inc(by = 1): void {
    this.value += by;
  }
}

export class Gauge {
  value = 0;
  constructor(
    readonly name: string,
    readonly labels: Readonly<Record<string, string>>,
  ) {}

  set(value: number): void {
    this.value = value;
  }
}
