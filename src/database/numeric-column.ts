import type { ColumnOptions } from 'typeorm';

/** A numeric column read back as a JavaScript number (pg returns numeric as a string to keep precision). */
export function numericColumn(options: ColumnOptions = {}): ColumnOptions {
  return {
    type: 'numeric',
    transformer: {
      to: (value: number | null | undefined) => value,
      from: (value: string | null) => (value === null ? null : Number(value)),
    },
    ...options,
  };
}
