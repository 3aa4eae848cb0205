import { Button } from '@mantine/core';
import { ErrorNotice } from './ErrorNotice';
import { useTranslation } from '../lib/i18n';
import { type Follow, useFollows, useSetFollow } from '../lib/follows';

/** Follow this framework or commitment in the digests (the agency's own commitments are followed by default). */
export function FollowButton({ targetType, targetId }: { targetType: Follow['targetType']; targetId: string }) {
  const { t } = useTranslation();
  const follows = useFollows();
  const setFollow = useSetFollow();
  const follow = follows.data?.items.find((f) => f.targetType === targetType && f.targetId === targetId);
  const following = Boolean(follow);
  return (
    <>
      <Button
        size="xs"
        variant={following ? 'light' : 'outline'}
        loading={follows.isPending || setFollow.isPending}
        aria-pressed={following}
        onClick={() => setFollow.mutate({ targetType, targetId, follow: !following })}
      >
        {following ? (follow?.reason === 'follows' ? t('follow.following') : t('follow.followingAgency')) : t('follow.follow')}
      </Button>
      {setFollow.error && <ErrorNotice error={setFollow.error} />}
    </>
  );
}
