import { Button, Group, Paper, Stack, Text, Textarea, UnstyledButton } from '@mantine/core';
import { useRef, useState } from 'react';
import { fieldError } from '../lib/errors';
import { type DiscussionPerson, usePeople } from '../lib/discussions';
import { useTranslation } from '../lib/i18n';

interface Props {
  label: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (comment: { body: string; mentions: string[] }) => void;
  onCancel?: () => void;
  autoFocus?: boolean;
}

/** What follows an @ before the caret: a name, spaces included ("@WFP Foc"). */
const TYPED_MENTION = /(^|\s)@([\p{L}\p{N}.' -]{0,40})$/u;

/** The `@name` being typed at the caret, if any. */
function mentionQuery(text: string, caret: number): string | null {
  const match = TYPED_MENTION.exec(text.slice(0, caret));
  return match ? match[2] : null;
}

/**
 * A comment's text with an @ autocomplete over the people directory (name and agency): choosing a person writes
 * `@Name` and adds them to the comment's mentions, which the server checks and notifies.
 */
export function CommentComposer({ label, submitLabel, pending, error, onSubmit, onCancel, autoFocus }: Props) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [mentioned, setMentioned] = useState<DiscussionPerson[]>([]);
  const [caret, setCaret] = useState(0);
  const area = useRef<HTMLTextAreaElement>(null);
  const typing = mentionQuery(body, caret);
  const people = usePeople(typing);
  const suggestions = typing === null ? [] : (people.data?.items ?? []).slice(0, 6);

  const choose = (person: DiscussionPerson) => {
    const before = body.slice(0, caret).replace(TYPED_MENTION, (_all, space: string) => `${space}@${person.displayName} `);
    const next = before + body.slice(caret);
    setBody(next);
    setCaret(before.length);
    setMentioned((list) => (list.some((p) => p.id === person.id) ? list : [...list, person]));
    area.current?.focus();
  };

  const submit = () => {
    const mentions = mentioned.filter((person) => body.includes(`@${person.displayName}`)).map((person) => person.id);
    onSubmit({ body: body.trim(), mentions });
  };

  return (
    <Stack gap={4}>
      <Textarea
        ref={area}
        label={label}
        autosize
        minRows={2}
        maxLength={10_000}
        value={body}
        autoFocus={autoFocus}
        error={fieldError(error, 'body') ?? fieldError(error, 'mentions') ?? fieldError(error, 'anchor')}
        description={t('discussion.mentionHint')}
        onChange={(event) => {
          setBody(event.currentTarget.value);
          setCaret(event.currentTarget.selectionStart);
        }}
        onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && body.trim()) submit();
        }}
      />
      {suggestions.length > 0 && (
        <Paper withBorder p={4} role="group" aria-label={t('discussion.peopleToMention')}>
          {suggestions.map((person) => (
            <UnstyledButton key={person.id} onClick={() => choose(person)} display="block" w="100%" p={4} aria-label={t('discussion.mention', { name: person.displayName, agency: person.agencyCode })}>
              <Text size="sm">
                {person.displayName} <Text span c="dimmed" size="xs">{person.agencyCode}</Text>
              </Text>
            </UnstyledButton>
          ))}
        </Paper>
      )}
      <Group gap="xs" justify="flex-end">
        {onCancel && (
          <Button variant="subtle" size="xs" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        )}
        <Button size="xs" onClick={submit} loading={pending} disabled={!body.trim()}>
          {submitLabel}
        </Button>
      </Group>
    </Stack>
  );
}
