import { renameSync, rmSync } from 'node:fs';
import { ParquetWriter, fileWriter } from 'hyparquet-writer';
import { parquetSchema, type TableSpec } from './raw-schema.js';

/** A column's values for one row group, as hyparquet-writer takes them (typed arrays where it can). */
export type ColumnValues = ArrayLike<unknown> & { slice(start?: number, end?: number): ArrayLike<unknown> };

/**
 * One Parquet file written row group by row group, so that a long run never holds its raw data in
 * memory: callers buffer a chunk of rows and hand it over with `write`. The file is written under
 * a temporary name and renamed into place by `close`, so a file that exists is complete (an
 * interrupted run leaves only `*.parquet.tmp`, which the next run overwrites).
 */
export class ParquetTable {
  private readonly writer: ParquetWriter;
  private readonly temporary: string;
  rows = 0;

  constructor(
    readonly table: TableSpec,
    readonly path: string,
    /** Application name and version for the file's created_by field. */
    createdBy = 'prodsim experiments',
  ) {
    this.temporary = `${path}.tmp`;
    this.writer = new ParquetWriter({ writer: fileWriter(this.temporary), schema: parquetSchema(table), createdBy });
  }

  /** Appends `rows` rows as one row group; `columns` holds every column of the table, by name. */
  write(columns: Record<string, ColumnValues>, rows: number): void {
    if (rows === 0) return;
    const columnData = this.table.columns.map((c) => {
      const data = columns[c.name];
      if (!data || data.length < rows) throw new Error(`raw table ${this.table.name}: column ${c.name} has ${data?.length ?? 0} values for ${rows} rows`);
      const values = (data.length === rows ? data : data.slice(0, rows)) as never;
      if (c.indexed) return { name: c.name, data: values };
      return c.dictionary ? { name: c.name, data: values, statistics: false } : { name: c.name, data: values, encoding: 'PLAIN' as const, statistics: false };
    });
    void this.writer.write({ columnData, rowGroupSize: rows });
    this.rows += rows;
  }

  /** Finishes the file (footer and metadata) and moves it into place. */
  close(): void {
    void this.writer.finish();
    renameSync(this.temporary, this.path);
  }

  /** Abandons the file (an error during the run): nothing is left behind. */
  discard(): void {
    rmSync(this.temporary, { force: true });
  }
}
