import { Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { programmes, type RecognitionAgreement } from '../../api/programmes';
import type { OrgKind } from '../../api/types';
import { ErrorAlert, LoadError, Loading, StatusMessage } from '../../components/Feedback';
import { useFormat } from '../../components/format';
import { Page } from '../../components/Page';
import { useAsync } from '../../components/useAsync';
import { useForm } from '../../components/useForm';
import { errorMessage } from '../../i18n/errors';
import { useMe } from '../../session/SessionContext';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { orgAccess } from './access';

/**
 * /provider|qa/:orgId/recognition: an institution's credit recognition
 * agreements — a programme or achievement counts N ECTS toward one of its degrees.
 */
export function RecognitionPage({ kind }: { kind: OrgKind }) {
  const { orgId = '' } = useParams();
  const me = useMe();
  const access = orgAccess(me, kind, orgId);
  if (!access.ok) return access.reason === 'forbidden' ? <ForbiddenPage /> : <NotFoundPage />;
  return <RecognitionLoaded key={orgId} orgId={orgId} canEdit={access.access.role !== null} />;
}

function RecognitionLoaded({ orgId, canEdit }: { orgId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useAsync(() => programmes.agreements(orgId), [orgId]);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const withdraw = async (a: RecognitionAgreement) => {
    setBusy(a.id);
    setError(null);
    try {
      const w = await programmes.withdrawAgreement(orgId, a.id);
      list.setData((d) => d && { items: d.items.map((x) => (x.id === a.id ? w : x)) });
      setStatus(t('programmes.recognition.withdrawn', { name: a.targetName, degree: a.degree }));
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Page title={t('programmes.recognition.title')}>
      <Text maw="65ch">{t('programmes.recognition.intro')}</Text>
      <StatusMessage message={status} />
      <ErrorAlert message={error} />
      {list.loading && <Loading />}
      {!list.loading && list.error != null && <LoadError error={list.error} onRetry={list.reload} />}
      {list.data && list.data.items.length === 0 && <Text>{t('programmes.recognition.empty')}</Text>}
      {list.data && list.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label={t('programmes.recognition.title')} verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('programmes.recognition.degree')}</Table.Th>
                <Table.Th scope="col">{t('programmes.recognition.recognises')}</Table.Th>
                <Table.Th scope="col">{t('programmes.recognition.ects')}</Table.Th>
                <Table.Th scope="col">{t('programmes.recognition.valid')}</Table.Th>
                <Table.Th scope="col">{t('programmes.recognition.state')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td className="wrap-anywhere">{a.degree}</Table.Td>
                  <Table.Td className="wrap-anywhere">
                    {a.targetName} ({t(a.programmeId ? 'programmes.transcript.kind.programme' : 'programmes.transcript.kind.achievement')})
                  </Table.Td>
                  <Table.Td>{a.ects}</Table.Td>
                  <Table.Td>{a.validUntil ? t('programmes.recognition.fromTo', { from: fmt.date(a.validFrom), to: fmt.date(a.validUntil) }) : t('programmes.recognition.from', { from: fmt.date(a.validFrom) })}</Table.Td>
                  <Table.Td>
                    {a.withdrawnAt ? (
                      <Badge color="gray" variant="light">
                        {t('programmes.recognition.isWithdrawn')}
                      </Badge>
                    ) : canEdit ? (
                      <Button size="xs" variant="default" loading={busy === a.id} onClick={() => void withdraw(a)} aria-label={t('programmes.recognition.withdrawLabel', { name: a.targetName, degree: a.degree })}>
                        {t('programmes.recognition.withdraw')}
                      </Button>
                    ) : (
                      <Badge color="green" variant="light">
                        {t('programmes.recognition.inForce')}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canEdit && (
        <AgreementForm
          orgId={orgId}
          onCreated={(a) => {
            list.setData((d) => d && { items: [...d.items, a] });
            setStatus(t('programmes.recognition.created', { name: a.targetName, degree: a.degree }));
          }}
        />
      )}
    </Page>
  );
}

function AgreementForm({ orgId, onCreated }: { orgId: string; onCreated: (a: RecognitionAgreement) => void }) {
  const { t } = useTranslation();
  const options = useAsync(async () => {
    const [ps, cat] = await Promise.all([programmes.listPublic(), programmes.catalogue()]);
    return [
      ...ps.items.map((p) => ({ value: `p:${p.id}`, label: `${p.definition.title} (${t('programmes.transcript.kind.programme')})` })),
      ...cat.items.filter((a) => !a.definition.tags.includes('programme')).map((a) => ({ value: `a:${a.id}`, label: `${a.definition.name} — ${a.provider.name}` })),
    ];
  }, []);
  const [degree, setDegree] = useState('');
  const [target, setTarget] = useState('');
  const [ects, setEcts] = useState('');
  const [validFrom, setValidFrom] = useState(new Date().toISOString().slice(0, 10));
  const [validUntil, setValidUntil] = useState('');
  const [note, setNote] = useState('');
  const { formRef, busy, formError, fieldErrors, submit } = useForm();

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    void submit(
      () => ({
        degree: degree.trim() ? undefined : t('validation.required'),
        target: target ? undefined : t('validation.required'),
        ects: Number(ects) > 0 ? undefined : t('programmes.builder.positiveNumber'),
        validFrom: /^\d{4}-\d{2}-\d{2}$/.test(validFrom) ? undefined : t('validation.required'),
      }),
      async () => {
        const [type, id] = target.split(':') as ['p' | 'a', string];
        const a = await programmes.createAgreement(orgId, {
          degree: degree.trim(),
          ...(type === 'p' ? { programmeId: id } : { achievementId: id }),
          ects: Number(ects),
          validFrom,
          ...(validUntil ? { validUntil } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
        });
        onCreated(a);
        setDegree('');
        setTarget('');
        setEcts('');
        setNote('');
      },
    );
  };

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="agreement-heading">
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={2} size="h3" id="agreement-heading">
            {t('programmes.recognition.newHeading')}
          </Title>
          <ErrorAlert message={formError} />
          <TextInput label={t('programmes.recognition.degree')} description={t('programmes.recognition.degreeHint')} name="degree" required value={degree} onChange={(e) => setDegree(e.currentTarget.value)} error={fieldErrors.degree} />
          <NativeSelect
            label={t('programmes.recognition.recognises')}
            name="target"
            required
            value={target}
            onChange={(e) => setTarget(e.currentTarget.value)}
            error={fieldErrors.target ?? fieldErrors.programmeId ?? fieldErrors.achievementId}
            data={[{ value: '', label: t('programmes.recognition.choose') }, ...(options.data ?? [])]}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('programmes.recognition.ects')} name="ects" required inputMode="decimal" value={ects} onChange={(e) => setEcts(e.currentTarget.value)} error={fieldErrors.ects} />
            <TextInput type="date" label={t('programmes.recognition.validFrom')} name="validFrom" required value={validFrom} onChange={(e) => setValidFrom(e.currentTarget.value)} error={fieldErrors.validFrom} />
            <TextInput type="date" label={t('programmes.recognition.validUntil')} name="validUntil" value={validUntil} onChange={(e) => setValidUntil(e.currentTarget.value)} error={fieldErrors.validUntil} />
          </SimpleGrid>
          <Textarea label={t('programmes.recognition.note')} name="note" autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={fieldErrors.note} />
          <Group>
            <Button type="submit" loading={busy}>
              {t('programmes.recognition.record')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
