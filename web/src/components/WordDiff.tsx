import { Text } from '@mantine/core';
import type { DiffPart } from '../lib/types';

/** A word-level diff as text: added words underlined on green, removed ones struck through on red. */
export function WordDiff({ changes }: { changes: DiffPart[] }) {
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
      {changes.map((part, i) =>
        part.added ? (
          <ins key={i} style={{ background: 'var(--mantine-color-teal-1)' }}>
            {part.value}
          </ins>
        ) : part.removed ? (
          <del key={i} style={{ background: 'var(--mantine-color-red-1)' }}>
            {part.value}
          </del>
        ) : (
          <span key={i}>{part.value}</span>
        ),
      )}
    </Text>
  );
}
