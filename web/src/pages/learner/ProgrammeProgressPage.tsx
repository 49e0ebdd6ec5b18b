import { Anchor, Badge, Card, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { programmes } from '../../api/programmes';
import { LoadError, Loading } from '../../components/Feedback';
import { Page } from '../../components/Page';
import { ProgrammeRules } from '../../components/ProgrammeRules';
import { useAsync } from '../../components/useAsync';
import { useMe } from '../../session/SessionContext';
import { ForbiddenPage } from '../errors/ForbiddenPage';

/** /learner/programmes: progress in every published programme, rule by rule, with what is missing. */
export function ProgrammeProgressPage() {
  const me = useMe();
  if (!me.learner) return <ForbiddenPage />;
  return <ProgressList />;
}

function ProgressList() {
  const { t } = useTranslation();
  const list = useAsync(() => programmes.myProgress(), []);
  return (
    <Page title={t('programmes.learner.title')}>
      <Text maw="65ch">{t('programmes.learner.intro')}</Text>
      <Anchor component={Link} to="/learner/transcript">
        {t('programmes.learner.toTranscript')}
      </Anchor>
      {list.loading && <Loading />}
      {!list.loading && list.error != null && <LoadError error={list.error} onRetry={list.reload} />}
      {list.data && list.data.items.length === 0 && <Text>{t('programmes.public.empty')}</Text>}
      {list.data?.items.map((s) => {
        const met = s.rules.filter((r) => r.satisfied).length;
        return (
          <Card key={s.programme.id} withBorder component="section" aria-labelledby={`lp-${s.programme.id}`}>
            <Stack gap="sm">
              <Group justify="space-between" wrap="wrap">
                <Title order={2} size="h3" id={`lp-${s.programme.id}`}>
                  <Anchor component={Link} to={`/programmes/${s.programme.id}`} className="wrap-anywhere">
                    {s.programme.definition.title}
                  </Anchor>
                </Title>
                <Badge color={s.complete ? 'green' : 'gray'} size="lg" variant="light">
                  {s.complete ? t('programmes.learner.complete') : t('programmes.learner.inProgress')}
                </Badge>
              </Group>
              <Progress value={(100 * met) / s.rules.length} aria-label={t('programmes.learner.rulesMet', { met, total: s.rules.length })} />
              <Text>
                {t('programmes.learner.rulesMet', { met, total: s.rules.length })}
                {' · '}
                {t('programmes.learner.creditsHeld', { held: s.creditsHeld, total: s.programme.definition.totalEcts })}
              </Text>
              {s.awardedCredentialId && (
                <Anchor href={`/c/${s.awardedCredentialId}`}>{t('programmes.learner.viewCredential')}</Anchor>
              )}
              <ProgrammeRules programme={s.programme} progress={s.rules} />
            </Stack>
          </Card>
        );
      })}
    </Page>
  );
}

/** /learner/transcript: per institution and degree, what of the learner's counts and the total ECTS. */
export function TranscriptPage() {
  const me = useMe();
  if (!me.learner) return <ForbiddenPage />;
  return <Transcript />;
}

function Transcript() {
  const { t } = useTranslation();
  const tr = useAsync(() => programmes.myTranscript(), []);
  return (
    <Page title={t('programmes.transcript.title')}>
      <Text maw="65ch">{t('programmes.transcript.intro')}</Text>
      {tr.loading && <Loading />}
      {!tr.loading && tr.error != null && <LoadError error={tr.error} onRetry={tr.reload} />}
      {tr.data && tr.data.degrees.length === 0 && <Text>{t('programmes.transcript.empty')}</Text>}
      {tr.data?.degrees.map((d) => {
        const id = `deg-${d.institution.id}-${d.degree}`.replace(/[^A-Za-z0-9-]/g, '-');
        return (
          <Card key={id} withBorder component="section" aria-labelledby={id}>
            <Stack gap="sm">
              <Title order={2} size="h3" id={id} className="wrap-anywhere">
                {t('programmes.transcript.degreeAt', { degree: d.degree, institution: d.institution.name })}
              </Title>
              <Table.ScrollContainer minWidth={320}>
                <Table aria-labelledby={id}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('programmes.transcript.what')}</Table.Th>
                      <Table.Th scope="col">{t('programmes.transcript.credits')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d.entries.map((e) => (
                      <Table.Tr key={e.agreementId}>
                        <Table.Td>
                          <Anchor href={`/c/${e.credentialId}`} className="wrap-anywhere">
                            {e.name}
                          </Anchor>{' '}
                          ({t(`programmes.transcript.kind.${e.kind}`)})
                        </Table.Td>
                        <Table.Td>{t('programmes.ects', { ects: e.ects })}</Table.Td>
                      </Table.Tr>
                    ))}
                    {d.includedInProgramme.map((i) => (
                      <Table.Tr key={`in-${i.achievementId}`}>
                        <Table.Td>{t('programmes.transcript.included', { name: i.name, programme: i.programmeName })}</Table.Td>
                        <Table.Td>—</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                  <Table.Tfoot>
                    <Table.Tr>
                      <Table.Th scope="row">{t('programmes.transcript.total')}</Table.Th>
                      <Table.Td fw={700}>{t('programmes.ects', { ects: d.totalEcts })}</Table.Td>
                    </Table.Tr>
                  </Table.Tfoot>
                </Table>
              </Table.ScrollContainer>
            </Stack>
          </Card>
        );
      })}
    </Page>
  );
}
