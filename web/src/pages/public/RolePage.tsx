import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { roles } from '../../api/roles';
import { LoadError, Loading } from '../../components/Feedback';
import { Page } from '../../components/Page';
import { useAsync } from '../../components/useAsync';
import { useSession } from '../../session/SessionContext';

/** A published employer role: the skills it asks for, and a way for learners to plan towards it. */
export function RolePage() {
  const { t } = useTranslation();
  const { roleId = '' } = useParams();
  const { me } = useSession();
  const { data, error, loading, reload } = useAsync(() => roles.get(roleId), [roleId]);
  if (loading) return <Loading />;
  if (error || !data) return <Page title={t('jobRoles.publicTitle')}><LoadError error={error} onRetry={reload} /></Page>;
  const essential = data.skills.filter((s) => s.relation === 'essential');
  const optional = data.skills.filter((s) => s.relation === 'optional');
  const asked = (count: number) => (data.postings && count ? ` — ${t('jobRoles.askedIn', { count, total: data.postings })}` : '');
  return (
    <Page title={data.title}>
      <Text c="gray.7">{t('jobRoles.atEmployer', { employer: data.employer.name })}</Text>
      {data.description && <Text maw="65ch">{data.description}</Text>}
      <Card withBorder padding="lg">
        <Stack gap="sm">
          {[
            [t('jobRoles.essentialSkills'), essential],
            [t('jobRoles.optionalSkills'), optional],
          ].map(([title, list]) =>
            (list as typeof essential).length ? (
              <Stack gap={4} key={title as string}>
                <Title order={2} size="h4">{title as string}</Title>
                <Group gap="xs">
                  {(list as typeof essential).map((s) => (
                    <Badge key={s.uri} variant="light" color="indigo" tt="none">{`${s.label}${asked(s.count)}`}</Badge>
                  ))}
                </Group>
              </Stack>
            ) : null,
          )}
        </Stack>
      </Card>
      {me?.learner ? (
        <Group>
          <Button component={Link} to={`/learner/pathway?target=${encodeURIComponent(data.target)}`}>{t('jobRoles.planTowards')}</Button>
        </Group>
      ) : (
        <Text>
          <Anchor component={Link} to="/sign-up">{t('jobRoles.signUpToPlan')}</Anchor>
        </Text>
      )}
    </Page>
  );
}
