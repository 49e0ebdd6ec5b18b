import { Anchor, Badge, Group, Paper, Stack, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { orgs } from '../../api/endpoints';
import type { OrgKind, Organisation } from '../../api/types';
import { LoadError, Loading } from '../../components/Feedback';
import { useFormat } from '../../components/format';
import { Page } from '../../components/Page';
import { useAsync } from '../../components/useAsync';
import { useMe } from '../../session/SessionContext';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { orgAccess, type OrgAccess } from './access';
import { ApiKeysSection } from './ApiKeysSection';
import { MembersSection } from './MembersSection';

/**
 * The home of one organisation, shared by every organisation kind: details,
 * members and (for its admins) API keys. Role pages wrap it and will add
 * their own sections.
 */
export function OrgHome({ kind, orgId }: { kind: OrgKind; orgId: string }) {
  const me = useMe();
  const result = orgAccess(me, kind, orgId);
  if (!result.ok) return result.reason === 'forbidden' ? <ForbiddenPage /> : <NotFoundPage />;
  // key: a different organisation starts from a clean state.
  return <OrgHomeLoaded key={orgId} kind={kind} orgId={orgId} access={result.access} />;
}

function OrgHomeLoaded({ kind, orgId, access }: { kind: OrgKind; orgId: string; access: OrgAccess }) {
  const { t } = useTranslation();
  const me = useMe();
  const org = useAsync(() => orgs.get(orgId), [orgId]);
  const knownName = me.memberships.find((m) => m.orgId === orgId)?.orgName;

  if (org.error instanceof ApiError && org.error.status === 403) return <ForbiddenPage />;
  // 400 too: an id that is not even a UUID names no organisation.
  if (org.error instanceof ApiError && (org.error.status === 404 || org.error.status === 400)) return <NotFoundPage />;
  if (org.data && org.data.kind !== kind) return <NotFoundPage />;

  const name = org.data?.name ?? knownName ?? t('org.titleFallback');
  return (
    <Page title={name} heading={<span className="wrap-anywhere">{name}</span>}>
      <Group gap="xs">
        <Badge variant="light" color="indigo" size="lg">
          {t(`kinds.${kind}`)}
        </Badge>
        <Badge variant="light" color="gray" size="lg">
          {access.role ? t(`roles.${access.role}`) : t('org.operatorRole')}
        </Badge>
      </Group>
      {kind !== 'platform' && <ProgrammeLinks kind={kind} orgId={orgId} />}
      {org.loading && <Loading />}
      {!org.loading && org.error != null && <LoadError error={org.error} onRetry={org.reload} />}
      {org.data && (
        <>
          <OrgDetails org={org.data} />
          <MembersSection org={org.data} canManage={access.canManageMembers} />
          {access.canManageApiKeys && <ApiKeysSection org={org.data} />}
        </>
      )}
    </Page>
  );
}

/** Pages of this organisation: providers define achievements, issue credentials and programmes; every partner answers commitment requests. */
function ProgrammeLinks({ kind, orgId }: { kind: OrgKind; orgId: string }) {
  const { t } = useTranslation();
  const base = { provider: '/provider', employer: '/employer', qa_body: '/qa', platform: '/admin' }[kind];
  return (
    <Group gap="lg">
      {kind === 'provider' && (
        <>
          <Anchor component={Link} to={`${base}/${orgId}/achievements`}>
            {t('org.achievementsLink')}
          </Anchor>
          <Anchor component={Link} to={`${base}/${orgId}/credentials`}>
            {t('org.credentialsLink')}
          </Anchor>
        </>
      )}
      {kind === 'provider' && (
        <Anchor component={Link} to={`${base}/${orgId}/programmes`}>
          {t('programmes.provider.title')}
        </Anchor>
      )}
      {kind === 'employer' && (
        <Anchor component={Link} to={`${base}/${orgId}/roles`}>
          {t('jobRoles.title')}
        </Anchor>
      )}
      <Anchor component={Link} to={`${base}/${orgId}/commitments`}>
        {t('programmes.partner.title')}
      </Anchor>
      {(kind === 'provider' || kind === 'qa_body') && (
        <Anchor component={Link} to={`${base}/${orgId}/recognition`}>
          {t('programmes.recognition.title')}
        </Anchor>
      )}
    </Group>
  );
}

function OrgDetails({ org }: { org: Organisation }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="org-details-heading">
      <Stack gap="md">
        <Title order={2} size="h3" id="org-details-heading">
          {t('org.detailsHeading')}
        </Title>
        <dl className="details">
          <dt>{t('org.name')}</dt>
          <dd>{org.name}</dd>
          <dt>{t('org.kind')}</dt>
          <dd>{t(`kinds.${org.kind}`)}</dd>
          <dt>{t('org.slug')}</dt>
          <dd>{org.slug}</dd>
          <dt>{t('org.country')}</dt>
          <dd>{org.country ? fmt.country(org.country) : t('common.notSet')}</dd>
          <dt>{t('org.created')}</dt>
          <dd>{fmt.date(org.createdAt)}</dd>
        </dl>
      </Stack>
    </Paper>
  );
}
