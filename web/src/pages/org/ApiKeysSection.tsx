import { Badge, Button, Checkbox, Code, CopyButton, Group, Paper, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { orgs } from '../../api/endpoints';
import type { ApiKey, CreatedApiKey, Organisation, ScopeInfo } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert, LoadError, Loading, StatusMessage } from '../../components/Feedback';
import { useFormat } from '../../components/format';
import { useAsync } from '../../components/useAsync';
import { useForm } from '../../components/useForm';
import { errorMessage } from '../../i18n/errors';
import en from '../../i18n/en.json';

/** Scope descriptions come from the catalogue when it knows the scope, else from the server. */
function useScopeLabel() {
  const { t } = useTranslation();
  return (s: ScopeInfo | string) => {
    const scope = typeof s === 'string' ? s : s.scope;
    if (Object.hasOwn(en.scopes, scope)) return t(`scopes.${scope as keyof typeof en.scopes}`);
    return typeof s === 'string' ? s : s.description;
  };
}

/** The organisation's API keys (admins only): list, create (secret shown once) and revoke. */
export function ApiKeysSection({ org }: { org: Organisation }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const keys = useAsync(() => orgs.apiKeys(org.id), [org.id]);
  const scopes = useAsync(() => orgs.scopes(), []);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const revoke = async (k: ApiKey) => {
    setBusy(true);
    setActionError(null);
    try {
      await orgs.revokeApiKey(org.id, k.id);
      setStatus(t('apiKeys.revoked', { name: k.name }));
      keys.reload();
    } catch (e) {
      setActionError(errorMessage(t, e));
    } finally {
      setBusy(false);
      setRevoking(null);
    }
  };

  const onCreated = (k: CreatedApiKey) => {
    // Keep the secret only in this component's state, never in the list.
    const { secret: _secret, ...listed } = k;
    keys.setData((d) => d && { items: [listed, ...d.items] });
    setStatus(null);
    setCreated(k);
  };

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="api-keys-heading">
      <Stack gap="md">
        <Title order={2} size="h3" id="api-keys-heading" ref={headingRef} tabIndex={-1} className="page-heading">
          {t('apiKeys.heading')}
        </Title>
        <Text maw="65ch">{t('apiKeys.intro')}</Text>
        {created && (
          <SecretReveal
            apiKey={created}
            onDone={() => {
              setCreated(null);
              headingRef.current?.focus();
            }}
          />
        )}
        <StatusMessage message={status} />
        <ErrorAlert message={actionError} />
        {keys.loading && <Loading />}
        {!keys.loading && keys.error != null && <LoadError error={keys.error} onRetry={keys.reload} />}
        {keys.data && keys.data.items.length === 0 && <Text>{t('apiKeys.empty')}</Text>}
        {keys.data && keys.data.items.length > 0 && (
          <Table aria-labelledby="api-keys-heading" verticalSpacing="sm" layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('apiKeys.name')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('apiKeys.scopes')}</Table.Th>
                <Table.Th w={{ base: 110, sm: 150 }}>{t('apiKeys.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.data.items.map((k) => (
                <Table.Tr key={k.id}>
                  <Table.Td className="wrap-anywhere">
                    <Text fw={600} size="sm">
                      {k.name}
                    </Text>
                    <Text size="sm">
                      <Trans i18nKey="apiKeys.startsWith" values={{ prefix: k.prefix }} components={{ code: <Code /> }} />
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('apiKeys.dates', { created: fmt.date(k.createdAt), lastUsed: k.lastUsedAt ? fmt.date(k.lastUsedAt) : t('common.never') })}
                    </Text>
                    {/* On phones the permissions column is folded into this cell. */}
                    <Text size="xs" c="dimmed" hiddenFrom="sm">
                      {t('apiKeys.scopesValue', { scopes: fmt.list(k.scopes) })}
                    </Text>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">
                    <Group gap={4}>
                      {k.scopes.map((s) => (
                        <Badge key={s} variant="light" color="gray" tt="none">
                          {s}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={6} align="flex-start">
                      {k.revokedAt ? (
                        <Text size="sm">{t('apiKeys.revokedOn', { date: fmt.date(k.revokedAt) })}</Text>
                      ) : (
                        <>
                          <Badge variant="light" color="teal">
                            {t('apiKeys.active')}
                          </Badge>
                          <Button size="xs" variant="default" onClick={() => setRevoking(k)} aria-label={t('apiKeys.revokeLabel', { name: k.name })}>
                            {t('apiKeys.revoke')}
                          </Button>
                        </>
                      )}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {scopes.error != null && <LoadError error={scopes.error} onRetry={scopes.reload} />}
        {scopes.data && <CreateKeyForm orgId={org.id} scopes={scopes.data.items} onCreated={onCreated} />}
      </Stack>
      <ConfirmDialog
        opened={revoking !== null}
        title={t('apiKeys.confirmTitle')}
        body={revoking ? t('apiKeys.confirmBody', { name: revoking.name }) : ''}
        confirmLabel={t('apiKeys.confirm')}
        busy={busy}
        onConfirm={() => revoking && void revoke(revoking)}
        onCancel={() => setRevoking(null)}
      />
    </Paper>
  );
}

function CreateKeyForm({ orgId, scopes, onCreated }: { orgId: string; scopes: ScopeInfo[]; onCreated(k: CreatedApiKey): void }) {
  const { t } = useTranslation();
  const scopeLabel = useScopeLabel();
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const { formRef, busy, formError, fieldErrors, submit } = useForm();

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    void submit(
      () => ({
        name: !name.trim() ? t('validation.required') : undefined,
        scopes: chosen.length === 0 ? t('validation.scopes') : undefined,
      }),
      async () => {
        onCreated(await orgs.createApiKey(orgId, { name: name.trim(), scopes: chosen }));
        setName('');
        setChosen([]);
      },
    );
  };

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-labelledby="create-key-heading">
      <Stack gap="sm">
        <Title order={3} size="h4" id="create-key-heading">
          {t('apiKeys.createHeading')}
        </Title>
        <ErrorAlert message={formError} />
        <TextInput
          label={t('apiKeys.keyName')}
          description={t('apiKeys.keyNameHint')}
          name="name"
          autoComplete="off"
          required
          maxLength={100}
          maw={480}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldErrors.name}
        />
        <Checkbox.Group label={t('apiKeys.scopesLabel')} required value={chosen} onChange={setChosen} error={fieldErrors.scopes}>
          <Stack gap="xs" mt="xs">
            {scopes.map((s) => (
              <Checkbox
                key={s.scope}
                value={s.scope}
                label={<Code>{s.scope}</Code>}
                description={scopeLabel(s)}
                // The group's error is announced with the group; mark each box invalid as well.
                aria-invalid={fieldErrors.scopes ? true : undefined}
              />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group>
          <Button type="submit" loading={busy}>
            {t('apiKeys.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The new key's secret, shown once: copyable, with a clear warning that it will not be shown again. */
function SecretReveal({ apiKey, onDone }: { apiKey: CreatedApiKey; onDone(): void }) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<string | null>(null);

  // Take focus so keyboard and screen-reader users find the secret at once.
  useEffect(() => headingRef.current?.focus(), []);

  return (
    <Paper component="section" aria-labelledby="secret-heading" className="secret-reveal" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="sm">
        <Title order={3} size="h4" id="secret-heading" ref={headingRef} tabIndex={-1} className="page-heading wrap-anywhere">
          {t('apiKeys.secretHeading', { name: apiKey.name })}
        </Title>
        <Text fw={600}>{t('apiKeys.secretWarning')}</Text>
        <TextInput
          label={t('apiKeys.secretLabel')}
          value={apiKey.secret}
          readOnly
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          onFocus={(e) => e.currentTarget.select()}
        />
        <Group>
          <CopyButton value={apiKey.secret} timeout={3000}>
            {({ copied: done, copy }) => (
              <Button
                onClick={() => {
                  copy();
                  setCopied(t('apiKeys.copiedStatus'));
                }}
              >
                {done ? t('apiKeys.copied') : t('apiKeys.copy')}
              </Button>
            )}
          </CopyButton>
          <Button variant="default" onClick={onDone}>
            {t('apiKeys.done')}
          </Button>
        </Group>
        <VisuallyHidden role="status">{copied}</VisuallyHidden>
      </Stack>
    </Paper>
  );
}
