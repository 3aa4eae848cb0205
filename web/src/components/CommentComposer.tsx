import { Button, Group, Paper, Stack, Text, Textarea, UnstyledButton } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRef, useState } from 'react';
import { errorMessage } from '../lib/errors';
import { refusesFieldsOf, showRefusal } from '../lib/forms';
import { type DiscussionPerson, usePeople } from '../lib/discussions';
import { useTranslation } from '../lib/i18n';

interface Props {
  label: string;
  submitLabel: string;
  /** Sends the comment; a refusal (the promise rejects) is shown under the text when it names it, else below it. */
  send: (comment: { body: string; mentions: string[] }) => Promise<unknown>;
  onCancel?: () => void;
  autoFocus?: boolean;
}

interface CommentValues {
  body: string;
  /** The people chosen from the suggestions; those whose `@Name` is still in the text are the comment's mentions. */
  mentions: DiscussionPerson[];
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
 * `@Name` and adds them to the comment's mentions, which the server checks and notifies. Its own chunk, loaded when a
 * reader starts a comment or a reply: the form library is not part of every live document's first load.
 */
export function CommentComposer({ label, submitLabel, send, onCancel, autoFocus }: Props) {
  const { t } = useTranslation();
  const form = useForm<CommentValues>({ initialValues: { body: '', mentions: [] } });
  const [refusal, setRefusal] = useState<unknown>(null);
  const [caret, setCaret] = useState(0);
  const area = useRef<HTMLTextAreaElement>(null);
  const { body, mentions } = form.values;
  const typing = mentionQuery(body, caret);
  const people = usePeople(typing);
  const suggestions = typing === null ? [] : (people.data?.items ?? []).slice(0, 6);

  const choose = (person: DiscussionPerson) => {
    const before = body.slice(0, caret).replace(TYPED_MENTION, (_all, space: string) => `${space}@${person.displayName} `);
    form.setFieldValue('body', before + body.slice(caret));
    setCaret(before.length);
    if (!mentions.some((p) => p.id === person.id)) form.insertListItem('mentions', person);
    area.current?.focus();
  };

  const submit = form.onSubmit(async (values) => {
    setRefusal(null);
    const mentioned = values.mentions.filter((person) => values.body.includes(`@${person.displayName}`)).map((person) => person.id);
    try {
      await send({ body: values.body.trim(), mentions: mentioned });
      form.reset();
    } catch (error) {
      if (refusesFieldsOf(form, error)) showRefusal(form, error);
      else setRefusal(error);
    }
  });

  return (
    <form onSubmit={submit}>
      <Stack gap={4}>
        <Textarea
          ref={area}
          label={label}
          autosize
          minRows={2}
          maxLength={10_000}
          autoFocus={autoFocus}
          description={t('discussion.mentionHint')}
          value={body}
          error={form.errors.body ?? form.errors.mentions}
          onChange={(event) => {
            form.setFieldValue('body', event.currentTarget.value);
            setCaret(event.currentTarget.selectionStart);
          }}
          onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && body.trim() && !form.submitting) submit();
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
        {refusal !== null && (
          <Text size="xs" c="red" role="alert">
            {errorMessage(refusal)}
          </Text>
        )}
        <Group gap="xs" justify="flex-end">
          {onCancel && (
            <Button variant="subtle" size="xs" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <Button size="xs" type="submit" loading={form.submitting} disabled={!body.trim()}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
