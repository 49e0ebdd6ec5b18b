import { Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orgs } from '../../api/endpoints';
import type { Member, Organisation, Role } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert, LoadError, Loading, StatusMessage } from '../../components/Feedback';
import { useFormat } from '../../components/format';
import { useAsync } from '../../components/useAsync';
import { looksLikeEmail, useForm } from '../../components/useForm';
import { errorMessage } from '../../i18n/errors';
import { useMe } from '../../session/SessionContext';

const ROLES: Role[] = ['staff', 'admin'];

/** The organisation's members; admins can add and remove them. */
export function MembersSection({ org, canManage }: { org: Organisation; canManage: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const fmt = useFormat();
  const members = useAsync(() => orgs.members(org.id), [org.id]);
  const [status, setStatus] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [busy, setBusy] = useState(false);

  const remove = async (m: Member) => {
    setBusy(true);
    setActionError(null);
    try {
      await orgs.removeMember(org.id, m.userId);
      members.setData((d) => d && { items: d.items.filter((x) => x.userId !== m.userId) });
      setStatus(t('members.removed', { name: m.name }));
    } catch (e) {
      setActionError(errorMessage(t, e));
    } finally {
      setBusy(false);
      setRemoving(null);
    }
  };

  const onAdded = (m: Member) => {
    // Adding an existing member changes their role: replace rather than duplicate.
    members.setData((d) => d && { items: [...d.items.filter((x) => x.userId !== m.userId), m] });
    setStatus(t('members.added', { name: m.name, role: t(`roles.${m.role}`) }));
  };

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="members-heading">
      <Stack gap="md">
        <Title order={2} size="h3" id="members-heading">
          {t('members.heading')}
        </Title>
        <StatusMessage message={status} />
        <ErrorAlert message={actionError} />
        {members.loading && <Loading />}
        {!members.loading && members.error != null && <LoadError error={members.error} onRetry={members.reload} />}
        {members.data && members.data.items.length === 0 && <Text>{t('members.empty')}</Text>}
        {members.data && members.data.items.length > 0 && (
          <Table aria-labelledby="members-heading" verticalSpacing="sm" layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('members.name')}</Table.Th>
                <Table.Th w={140} visibleFrom="sm">
                  {t('members.role')}
                </Table.Th>
                {canManage && <Table.Th w={{ base: 96, sm: 120 }}>{t('members.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.data.items.map((m) => (
                <Table.Tr key={m.userId}>
                  <Table.Td className="wrap-anywhere">
                    <Text fw={600} size="sm">
                      {m.userId === me.user.id ? t('members.nameYou', { name: m.name }) : m.name}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {m.email}
                    </Text>
                    {/* On phones the role column is folded into this cell. */}
                    <Text size="sm" hiddenFrom="sm">
                      {t('members.roleValue', { role: t(`roles.${m.role}`) })}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('members.sinceDate', { date: fmt.date(m.createdAt) })}
                    </Text>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">{t(`roles.${m.role}`)}</Table.Td>
                  {canManage && (
                    <Table.Td>
                      {/* Removing yourself would lock you out mid-page; another admin can do it. */}
                      {m.userId !== me.user.id && (
                        <Button size="xs" variant="default" onClick={() => setRemoving(m)} aria-label={t('members.removeLabel', { name: m.name })}>
                          {t('members.remove')}
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {canManage && <AddMemberForm orgId={org.id} onAdded={onAdded} />}
      </Stack>
      <ConfirmDialog
        opened={removing !== null}
        title={t('members.confirmTitle')}
        body={removing ? t('members.confirmBody', { name: removing.name, org: org.name }) : ''}
        confirmLabel={t('members.confirm')}
        busy={busy}
        onConfirm={() => removing && void remove(removing)}
        onCancel={() => setRemoving(null)}
      />
    </Paper>
  );
}

function AddMemberForm({ orgId, onAdded }: { orgId: string; onAdded(m: Member): void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('staff');
  const { formRef, busy, formError, fieldErrors, submit } = useForm();

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    void submit(
      () => ({ email: !email.trim() ? t('validation.required') : !looksLikeEmail(email) ? t('validation.email') : undefined }),
      async () => {
        onAdded(await orgs.addMember(orgId, { email: email.trim(), role }));
        setEmail('');
      },
      { not_found: { field: 'email', message: t('members.unknownEmail') } },
    );
  };

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-labelledby="add-member-heading">
      <Stack gap="sm">
        <Title order={3} size="h4" id="add-member-heading">
          {t('members.addHeading')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('members.addHint')}
        </Text>
        <ErrorAlert message={formError} />
        <Group align="flex-start" grow preventGrowOverflow={false} wrap="wrap">
          <TextInput
            label={t('members.addEmail')}
            type="email"
            name="email"
            autoComplete="off"
            required
            miw={220}
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldErrors.email}
          />
          <NativeSelect
            label={t('members.addRole')}
            name="role"
            miw={140}
            maw={{ sm: 200 }}
            data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            value={role}
            onChange={(e) => setRole(e.currentTarget.value as Role)}
            error={fieldErrors.role}
          />
        </Group>
        <Group>
          <Button type="submit" loading={busy}>
            {t('members.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
