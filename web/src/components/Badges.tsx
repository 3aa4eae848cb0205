import { Badge } from '@mantine/core';
import { useTranslation } from '../lib/i18n';
import { STATE_COLOR, STATE_LABEL, STATUS_COLOR, STATUS_LABEL } from '../lib/format';
import type { CellState, CommitmentStatus } from '../lib/types';

export function StatusBadge({ status }: { status: CommitmentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light">
      {t(STATUS_LABEL[status])}
    </Badge>
  );
}

export function StateBadge({ state }: { state: CellState }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLOR[state]} variant={state === 'overdue' ? 'filled' : 'light'}>
      {t(STATE_LABEL[state])}
    </Badge>
  );
}
