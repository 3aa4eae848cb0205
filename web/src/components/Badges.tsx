import { Badge } from '@mantine/core';
import { STATE_COLOR, STATE_LABEL, STATUS_COLOR, STATUS_LABEL } from '../lib/format';
import type { CellState, CommitmentStatus } from '../lib/types';

export function StatusBadge({ status }: { status: CommitmentStatus }) {
  return (
    <Badge color={STATUS_COLOR[status]} variant="light">
      {STATUS_LABEL[status]}
    </Badge>
  );
}

export function StateBadge({ state }: { state: CellState }) {
  return (
    <Badge color={STATE_COLOR[state]} variant={state === 'overdue' ? 'filled' : 'light'}>
      {STATE_LABEL[state]}
    </Badge>
  );
}
