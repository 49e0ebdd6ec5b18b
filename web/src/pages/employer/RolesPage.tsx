import { Anchor, Badge, Button, Card, Checkbox, Group, Paper, SegmentedControl, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Alignment } from '../../api/issuing';
import { roles, type EmployerRole, type RoleSkill } from '../../api/roles';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert, LoadError, Loading, StatusMessage } from '../../components/Feedback';
import { Page } from '../../components/Page';
import { SkillPicker } from '../../components/SkillPicker';
import { useAsync } from '../../components/useAsync';
import { useForm } from '../../components/useForm';
import { errorMessage } from '../../i18n/errors';
import { useMe } from '../../session/SessionContext';
import { ForbiddenPage } from '../errors/ForbiddenPage';

/** A line with three or more dashes separates pasted postings. */
const splitPostings = (text: string) => text.split(/^\s*-{3,}\s*$/m).map((p) => p.trim()).filter((p) => p.length > 0);

export function RolesPage() {
  const { orgId = '' } = useParams();
  const me = useMe();
  const member = me.memberships.find((m) => m.orgId === orgId && m.orgKind === 'employer');
  if (!member) return <ForbiddenPage />;
  return <Roles key={orgId} orgId={orgId} />;
}

/** An employer describes the roles it hires for by skills, from its job postings; published roles are learners' targets. */
function Roles({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const list = useAsync(() => roles.list(orgId), [orgId]);
  const [editing, setEditing] = useState<EmployerRole | 'new' | null>(null);
  const [deleting, setDeleting] = useState<EmployerRole | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const onSaved = (role: EmployerRole) => {
    list.setData((d) => d && { items: [role, ...d.items.filter((r) => r.id !== role.id)] });
    setEditing(null);
    setStatus(t('jobRoles.saved', { title: role.title }));
  };
  const onDelete = async () => {
    if (!deleting) return;
    try {
      await roles.remove(orgId, deleting.id);
      list.setData((d) => d && { items: d.items.filter((r) => r.id !== deleting.id) });
      setStatus(t('jobRoles.deleted', { title: deleting.title }));
      setDeleting(null);
    } catch (e) {
      setProblem(errorMessage(t, e));
    }
  };

  return (
    <Page title={t('jobRoles.title')}>
      <Text maw="65ch">{t('jobRoles.intro')}</Text>
      <StatusMessage message={status} />
      <ErrorAlert message={problem} />
      {editing === null && (
        <Group>
          <Button onClick={() => { setStatus(null); setEditing('new'); }}>{t('jobRoles.new')}</Button>
        </Group>
      )}
      {editing !== null && <RoleEditor orgId={orgId} role={editing === 'new' ? null : editing} onSaved={onSaved} onCancel={() => setEditing(null)} />}
      {list.loading && <Loading />}
      {!list.loading && (list.error || !list.data) && <LoadError error={list.error} onRetry={list.reload} />}
      {list.data && list.data.items.length === 0 && <Text>{t('jobRoles.empty')}</Text>}
      {list.data?.items.map((r) => (
        <Card key={r.id} withBorder padding="lg" component="article" aria-labelledby={`role-${r.id}`}>
          <Stack gap="xs">
            <Group justify="space-between" wrap="wrap">
              <Title order={2} size="h3" id={`role-${r.id}`}>{r.title}</Title>
              <Badge variant="light" color={r.status === 'published' ? 'green' : 'gray'}>{t(`jobRoles.status.${r.status}`)}</Badge>
            </Group>
            {r.description && <Text size="sm">{r.description}</Text>}
            <Text size="sm" c="gray.7">{r.postings ? t('jobRoles.countedOver', { count: r.postings }) : t('jobRoles.byHand')}</Text>
            <Group gap="xs">
              {r.skills.map((s) => (
                <Badge key={s.uri} variant={s.relation === 'essential' ? 'light' : 'outline'} color="indigo" tt="none">
                  {s.relation === 'essential' ? s.label : t('jobRoles.optionalSkill', { skill: s.label })}
                </Badge>
              ))}
            </Group>
            <Group gap="sm">
              <Button size="xs" variant="default" onClick={() => { setStatus(null); setEditing(r); }} aria-label={t('jobRoles.editRole', { title: r.title })}>{t('jobRoles.edit')}</Button>
              <Button size="xs" variant="light" color="red" onClick={() => setDeleting(r)} aria-label={t('jobRoles.deleteRole', { title: r.title })}>{t('jobRoles.delete')}</Button>
              {r.status === 'published' && <Anchor size="sm" component={Link} to={`/roles/${r.id}`}>{t('jobRoles.publicPage')}</Anchor>}
            </Group>
          </Stack>
        </Card>
      ))}
      <ConfirmDialog
        opened={!!deleting}
        title={t('jobRoles.deleteTitle')}
        body={t('jobRoles.deleteBody', { title: deleting?.title ?? '' })}
        confirmLabel={t('jobRoles.delete')}
        onConfirm={() => void onDelete()}
        onCancel={() => setDeleting(null)}
      />
    </Page>
  );
}

function RoleEditor({ orgId, role, onSaved, onCancel }: { orgId: string; role: EmployerRole | null; onSaved(r: EmployerRole): void; onCancel(): void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(role?.title ?? '');
  const [description, setDescription] = useState(role?.description ?? '');
  const [postingsText, setPostingsText] = useState('');
  const [postings, setPostings] = useState(role?.postings ?? 0);
  const [skills, setSkills] = useState<RoleSkill[]>(role?.skills ?? []);
  const [published, setPublished] = useState(role?.status === 'published');
  const [finding, setFinding] = useState(false);
  const [findError, setFindError] = useState<string | null>(null);
  const { formRef, busy, formError, fieldErrors, submit } = useForm();

  const find = async () => {
    const list = splitPostings(postingsText);
    setFindError(null);
    if (list.length === 0) {
      setFindError(t('jobRoles.pasteFirst'));
      return;
    }
    setFinding(true);
    try {
      const d = await roles.demand(list);
      setPostings(d.postings);
      setSkills(d.skills.map((s) => ({ uri: s.uri, label: s.label, count: s.count, relation: s.count / d.postings >= 0.5 ? 'essential' : 'optional' })));
    } catch (e) {
      setFindError(errorMessage(t, e));
    } finally {
      setFinding(false);
    }
  };

  const picked: Alignment[] = skills.map((s) => ({ targetName: s.label, targetUrl: s.uri }));
  const onPick = (next: Alignment[]) =>
    setSkills(next.map((a) => skills.find((s) => s.uri === a.targetUrl) ?? { uri: a.targetUrl, label: a.targetName, relation: 'essential', count: 0 }));

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    void submit(
      () => ({ title: title.trim() ? undefined : t('validation.required'), skills: skills.length ? undefined : t('jobRoles.needSkills') }),
      async () => {
        const body = { title: title.trim(), description: description.trim(), postings, skills, status: published ? ('published' as const) : ('draft' as const) };
        onSaved(role ? await roles.update(orgId, role.id, body) : await roles.create(orgId, body));
      },
    );
  };

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="role-editor-heading">
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={2} size="h3" id="role-editor-heading">{role ? t('jobRoles.editHeading', { title: role.title }) : t('jobRoles.newHeading')}</Title>
          <ErrorAlert message={formError} />
          <TextInput label={t('jobRoles.roleTitle')} name="title" required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={fieldErrors.title} />
          <Textarea label={t('jobRoles.description')} name="description" autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={fieldErrors.description} />
          <Textarea
            label={t('jobRoles.postings')}
            description={t('jobRoles.postingsHint')}
            name="postings"
            autosize
            minRows={5}
            maxRows={16}
            value={postingsText}
            onChange={(e) => setPostingsText(e.currentTarget.value)}
          />
          <Group>
            <Button variant="default" onClick={() => void find()} loading={finding}>{t('jobRoles.findSkills')}</Button>
          </Group>
          <ErrorAlert message={findError} />
          {skills.length > 0 && (
            <Table.ScrollContainer minWidth={480}>
              <Table verticalSpacing="xs" aria-label={t('jobRoles.skillsTable')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('jobRoles.skill')}</Table.Th>
                    <Table.Th>{t('jobRoles.asked')}</Table.Th>
                    <Table.Th>{t('jobRoles.weight')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {skills.map((s) => (
                    <Table.Tr key={s.uri}>
                      <Table.Td>{s.label}</Table.Td>
                      <Table.Td>{postings && s.count ? t('jobRoles.askedIn', { count: s.count, total: postings }) : t('jobRoles.addedByHand')}</Table.Td>
                      <Table.Td>
                        <SegmentedControl
                          size="xs"
                          aria-label={t('jobRoles.weightOf', { skill: s.label })}
                          value={s.relation}
                          onChange={(v) => setSkills(skills.map((x) => (x.uri === s.uri ? { ...x, relation: v as RoleSkill['relation'] } : x)))}
                          data={[
                            { value: 'essential', label: t('jobRoles.essential') },
                            { value: 'optional', label: t('jobRoles.optional') },
                          ]}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <SkillPicker value={picked} onChange={onPick} legend={t('jobRoles.pickerLegend')} error={fieldErrors.skills} />
          <Checkbox label={t('jobRoles.publish')} description={t('jobRoles.publishHint')} checked={published} onChange={(e) => setPublished(e.currentTarget.checked)} />
          <Group>
            <Button type="submit" loading={busy}>{t('jobRoles.save')}</Button>
            <Button variant="default" onClick={onCancel}>{t('common.cancel')}</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
