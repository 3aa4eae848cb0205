import { Anchor, Badge, Card, Grid, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { PageState } from '../components/PageState';
import { api } from '../lib/api';
import { formatMoment } from '../lib/format';
import { useTranslation } from '../lib/i18n';
import type { Mail as MailResponse, MailSummaryPage } from '../lib/types';

const STATUS_COLOR: Record<string, string> = { pending: 'blue', sent: 'teal', failed: 'red', held: 'gray' };

const STATUS_LABEL: Record<string, string> = { pending: 'mailbox.status.pending', sent: 'mailbox.status.sent', failed: 'mailbox.status.failed', held: 'mailbox.status.held' };

/** The secretariat's view of outgoing mail: without SMTP_URL the outbox is the mailbox; with it, where failures show. */
export function MailboxPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const mails = useQuery({ queryKey: ['mail'], queryFn: () => api.get<MailSummaryPage>('/admin/mail?limit=100') });
  return (
    <Stack>
      <Title order={2}>{t('nav.mailbox')}</Title>
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder>
            <PageState query={mails}>
              {(page) =>
                page.items.length === 0 ? (
                  <Text c="dimmed">{t('mailbox.none')}</Text>
                ) : (
                  <Table aria-label={t('nav.mailbox')}>
                    <Table.Tbody>
                      {page.items.map((mail) => (
                        <Table.Tr key={mail.id}>
                          <Table.Td>
                            <Anchor component={Link} to={`/mailbox/${mail.id}`}>
                              {mail.subject}
                            </Anchor>
                            <Text size="xs" c="dimmed">
                              {mail.to} · {formatMoment(mail.createdAt)}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <Badge color={STATUS_COLOR[mail.status] ?? 'gray'} variant="light">
                              {STATUS_LABEL[mail.status] ? t(STATUS_LABEL[mail.status]) : mail.status}
                            </Badge>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )
              }
            </PageState>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>{id && <Mail id={id} />}</Grid.Col>
      </Grid>
    </Stack>
  );
}

function Mail({ id }: { id: string }) {
  const { t } = useTranslation();
  const mail = useQuery({
    queryKey: ['mail', id],
    queryFn: () => api.get<MailResponse>(`/admin/mail/${id}`),
  });
  return (
    <Card withBorder>
      <PageState query={mail}>
        {(m) => (
          <Stack gap="xs">
            <Title order={3} size="h4">
              {m.subject}
            </Title>
            <Text size="sm" c="dimmed">
              {t('mailbox.to', { to: m.to })} · {m.kind} · {STATUS_LABEL[m.status] ? t(STATUS_LABEL[m.status]) : m.status}
              {m.attempts ? ` ${t('mailbox.attempts', { count: m.attempts })}` : ''}
            </Text>
            {m.lastError && (
              <Text size="sm" c="red">
                {m.lastError}
              </Text>
            )}
            {/* The plain-text part: the HTML part is the same content, and is not rendered here. */}
            <ScrollArea.Autosize mah={600}>
              <Text component="pre" size="sm" style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit' }}>
                {m.text}
              </Text>
            </ScrollArea.Autosize>
          </Stack>
        )}
      </PageState>
    </Card>
  );
}
