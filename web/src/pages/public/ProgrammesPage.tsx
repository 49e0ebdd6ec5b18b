import { Anchor, Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { type Commitment, type Programme, programmes } from '../../api/programmes';
import { LoadError, Loading } from '../../components/Feedback';
import { Page } from '../../components/Page';
import { ProgrammeRules } from '../../components/ProgrammeRules';
import { useAsync } from '../../components/useAsync';
import { NotFoundPage } from '../errors/NotFoundPage';

/** /programmes: every published programme, for anyone. */
export function ProgrammesPage() {
  const { t } = useTranslation();
  const list = useAsync(() => programmes.listPublic(), []);
  return (
    <Page title={t('programmes.public.title')}>
      <Text maw="65ch">{t('programmes.public.intro')}</Text>
      {list.loading && <Loading />}
      {!list.loading && list.error != null && <LoadError error={list.error} onRetry={list.reload} />}
      {list.data && list.data.items.length === 0 && <Text>{t('programmes.public.empty')}</Text>}
      {list.data?.items.map((p) => (
        <Card key={p.id} withBorder component="article" aria-labelledby={`p-${p.id}`}>
          <Stack gap="xs">
            <Title order={2} size="h3" id={`p-${p.id}`}>
              <Anchor component={Link} to={`/programmes/${p.id}`} className="wrap-anywhere">
                {p.definition.title}
              </Anchor>
            </Title>
            <Owners programme={p} />
            <Text>{p.definition.description}</Text>
          </Stack>
        </Card>
      ))}
    </Page>
  );
}

function Owners({ programme }: { programme: Programme }) {
  const { t, i18n } = useTranslation();
  const owners = new Intl.ListFormat(i18n.language, { style: 'long', type: 'conjunction' }).format(programme.owners.map((o) => o.name));
  return (
    <Group gap="xs">
      <Badge variant="light" color="indigo">
        {t('programmes.ects', { ects: programme.definition.totalEcts })}
      </Badge>
      <Text size="sm">{t('programmes.offeredBy', { owners })}</Text>
    </Group>
  );
}

export function CommitmentText({ c }: { c: Commitment }) {
  const { t } = useTranslation();
  return (
    <>
      <Text span fw={700}>
        {t(`programmes.kinds.${c.kind}`)}
        {' · '}
        {c.partner.name}
      </Text>
      {c.kind === 'credit_recognition' && c.degree && <Text span>{` — ${t('programmes.creditToward', { ects: c.ects, degree: c.degree })}`}</Text>}
      <Text size="sm">{c.description}</Text>
    </>
  );
}

/** /programmes/:programmeId: one published programme, its rules and what partners commit to. */
export function ProgrammePage() {
  const { t } = useTranslation();
  const { programmeId = '' } = useParams();
  const p = useAsync(() => programmes.getPublic(programmeId), [programmeId]);
  if (p.error instanceof ApiError && (p.error.status === 404 || p.error.status === 400)) return <NotFoundPage />;
  if (p.loading) return <Loading />;
  if (!p.data) return <Page title={t('programmes.public.title')}><LoadError error={p.error} onRetry={p.reload} /></Page>;
  const d = p.data.definition;
  const confirmed = p.data.commitments.filter((c) => c.status === 'confirmed');
  return (
    <Page title={d.title} heading={<span className="wrap-anywhere">{d.title}</span>}>
      <Owners programme={p.data} />
      <Text maw="65ch">{d.description}</Text>
      <Card withBorder component="section" aria-labelledby="rules-heading">
        <Title order={2} size="h3" id="rules-heading" mb="sm">
          {t('programmes.rulesHeading')}
        </Title>
        <ProgrammeRules programme={p.data} />
      </Card>
      <Card withBorder component="section" aria-labelledby="outcomes-heading">
        <Title order={2} size="h3" id="outcomes-heading" mb="sm">
          {t('programmes.outcomesHeading')}
        </Title>
        <List>
          {d.learningOutcomes.map((o) => (
            <List.Item key={o}>{o}</List.Item>
          ))}
        </List>
      </Card>
      <Card withBorder component="section" aria-labelledby="commitments-heading">
        <Title order={2} size="h3" id="commitments-heading" mb="sm">
          {t('programmes.commitmentsHeading')}
        </Title>
        {confirmed.length === 0 ? (
          <Text>{t('programmes.noCommitments')}</Text>
        ) : (
          <List spacing="sm">
            {confirmed.map((c) => (
              <List.Item key={c.id}>
                <CommitmentText c={c} />
              </List.Item>
            ))}
          </List>
        )}
      </Card>
    </Page>
  );
}
