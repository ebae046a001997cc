/** A History as plain JSON: one column per metric, null where an epoch did not record it (or it was not finite). */
export interface HistoryJSON {
  epochs: number;
  metrics: Record<string, (number | null)[]>;
}

/**
 * Per-epoch metrics of a training run, for plots and reports: `record({trainLoss, testAccuracy})`
 * once per epoch, then `series('trainLoss')` gives the curve.
 */
export class History {
  private readonly rows: Record<string, number>[] = [];

  /** Append one epoch's metrics. */
  record(metrics: Readonly<Record<string, number>>): this {
    this.rows.push({ ...metrics });
    return this;
  }

  /** How many epochs were recorded. */
  get epochs(): number {
    return this.rows.length;
  }

  /** Every metric name, in first-recorded order. */
  get names(): string[] {
    return [...new Set(this.rows.flatMap((row) => Object.keys(row)))];
  }

  /** The metric per epoch (NaN where an epoch did not record it). */
  series(name: string): number[] {
    return this.rows.map((row) => row[name] ?? Number.NaN);
  }

  /** The metric's latest recorded value. */
  last(name: string): number | undefined {
    for (let i = this.rows.length - 1; i >= 0; i--) {
      const value = this.rows[i]![name];
      if (value !== undefined) return value;
    }
    return undefined;
  }

  /** The best epoch (1-based) for a metric: lowest with 'min' (losses), highest with 'max' (accuracies). */
  best(name: string, mode: 'min' | 'max'): { epoch: number; value: number } | undefined {
    let best: { epoch: number; value: number } | undefined;
    for (const [i, row] of this.rows.entries()) {
      const value = row[name];
      if (value === undefined || Number.isNaN(value)) continue;
      if (best === undefined || (mode === 'min' ? value < best.value : value > best.value))
        best = { epoch: i + 1, value };
    }
    return best;
  }

  toJSON(): HistoryJSON {
    const metrics: Record<string, (number | null)[]> = {};
    for (const name of this.names)
      metrics[name] = this.rows.map((row) =>
        row[name] === undefined || !Number.isFinite(row[name]) ? null : row[name]!,
      );
    return { epochs: this.rows.length, metrics };
  }

  /** Rebuild a History from `toJSON()`'s output. */
  static fromJSON(json: HistoryJSON): History {
    const history = new History();
    for (let epoch = 0; epoch < json.epochs; epoch++) {
      const row: Record<string, number> = {};
      for (const [name, column] of Object.entries(json.metrics)) {
        const value = column[epoch];
        if (value !== null && value !== undefined) row[name] = value;
      }
      history.record(row);
    }
    return history;
  }
}
