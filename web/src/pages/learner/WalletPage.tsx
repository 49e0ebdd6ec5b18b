import { Anchor, Badge, Button, Card, CopyButton, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { wallet } from '../../api/endpoints';
import type { NameDisplay, ShareLink, WalletFileKind, WalletItem } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert, LoadError, Loading, StatusMessage } from '../../components/Feedback';
import { useFormat } from '../../components/format';
import { Page } from '../../components/Page';
import { useAsync } from '../../components/useAsync';
import { useForm } from '../../components/useForm';
import { errorMessage } from '../../i18n/errors';
import { useMe } from '../../session/SessionContext';
import { ForbiddenPage } from '../errors/ForbiddenPage';

const FILES: WalletFileKind[] = ['pdf', 'json', 'png', 'svg'];
const NAME_DISPLAYS: NameDisplay[] = ['full', 'initials', 'hidden'];

export function WalletPage() {
  const me = useMe();
  if (!me.learner) return <ForbiddenPage />;
  return <Wallet />;
}

/** The learner's credentials: download, put on LinkedIn, share by link and withdraw the link. */
function Wallet() {
  const { t } = useTranslation();
  const { data, error, loading, reload, setData } = useAsync(() => wallet.list(), []);

  const onShareChange = (credentialId: string, share: ShareLink) =>
    setData((d) =>
      d && {
        items: d.items.map((i) => (i.id === credentialId ? { ...i, shares: [share, ...i.shares.filter((s) => s.id !== share.id)] } : i)),
      },
    );

  return (
    <Page title={t('wallet.title')}>
      <Text maw="65ch">{t('wallet.intro')}</Text>
      <Anchor component={Link} to="/verify">{t('verify.title')}</Anchor>
      {loading && <Loading />}
      {!loading && (error || !data) && <LoadError error={error} onRetry={reload} />}
      {data && data.items.length === 0 && <Text>{t('wallet.empty')}</Text>}
      {data?.items.map((item) => <WalletCard key={item.id} item={item} onShareChange={(s) => onShareChange(item.id, s)} />)}
    </Page>
  );
}

function StateBadge({ item }: { item: WalletItem }) {
  const { t } = useTranslation();
  if (item.state === 'revoked') return <Badge color="red" variant="light">{t('wallet.state.revoked')}</Badge>;
  if (item.state === 'suspended') return <Badge color="orange" variant="light">{t('wallet.state.suspended')}</Badge>;
  return item.verified ? <Badge color="green" variant="light">{t('wallet.state.verified')}</Badge> : <Badge color="red" variant="light">{t('wallet.state.notVerified')}</Badge>;
}

function WalletCard({ item, onShareChange }: { item: WalletItem; onShareChange(s: ShareLink): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const headingId = `credential-${item.id}`;
  return (
    <Card withBorder padding="lg" component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <div>
            <Title order={2} size="h3" id={headingId}>{item.achievement.name}</Title>
            <Text size="sm" c="gray.7">
              {t('wallet.issuedBy', { issuer: item.issuer.name, date: fmt.date(item.issuedAt) })}
            </Text>
          </div>
          <StateBadge item={item} />
        </Group>
        {item.achievement.skills.length > 0 && (
          <Group gap="xs" aria-label={t('credential.skills')}>
            {item.achievement.skills.map((s) => (
              <Badge key={s.targetUrl} variant="light" color="indigo" tt="none">{s.targetName}</Badge>
            ))}
          </Group>
        )}
        <Group gap="md" wrap="wrap">
          <Anchor component={Link} to={`/c/${item.id}`}>{t('wallet.publicPage')}</Anchor>
          {FILES.map((kind) => (
            <Anchor key={kind} href={item.files[kind]} download>
              {t(`wallet.files.${kind}`)}
            </Anchor>
          ))}
        </Group>
        {item.linkedInUrl ? (
          <Group>
            <Button component="a" href={item.linkedInUrl} target="_blank" rel="noopener noreferrer" variant="light">
              {t('wallet.linkedIn')}
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="gray.7">{t('wallet.notShareable')}</Text>
        )}
        <Shares item={item} onShareChange={onShareChange} />
      </Stack>
    </Card>
  );
}

function Shares({ item, onShareChange }: { item: WalletItem; onShareChange(s: ShareLink): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [nameDisplay, setNameDisplay] = useState<NameDisplay>('full');
  const [expires, setExpires] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState<ShareLink | null>(null);
  const [busyWithdraw, setBusyWithdraw] = useState(false);
  const [withdrawError, setWithdrawError] = useState<string | null>(null);
  const { formRef, busy, formError, fieldErrors, submit } = useForm();
  const uid = item.id.slice(0, 8);

  const onCreate = (e: React.FormEvent) => {
    e.preventDefault();
    setCreated(null);
    void submit(
      () => ({}),
      async () => {
        // A date picked here means "until the end of that day", in the learner's time zone.
        const expiresAt = expires ? new Date(`${expires}T23:59:59`).toISOString() : null;
        const share = await wallet.createShare(item.id, { nameDisplay, expiresAt });
        onShareChange(share);
        setCreated(t('wallet.shareCreated'));
      },
    );
  };

  const onWithdraw = async () => {
    if (!withdrawing) return;
    setBusyWithdraw(true);
    setWithdrawError(null);
    try {
      onShareChange(await wallet.revokeShare(withdrawing.id));
      setWithdrawing(null);
    } catch (err) {
      setWithdrawError(errorMessage(t, err));
    } finally {
      setBusyWithdraw(false);
    }
  };

  return (
    <Stack gap="xs" component="section" aria-labelledby={`shares-${uid}`}>
      <Title order={3} size="h4" id={`shares-${uid}`}>{t('wallet.sharesHeading')}</Title>
      {item.shareable && (
        <form ref={formRef} onSubmit={onCreate} noValidate>
          <Group align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('wallet.nameDisplay')}
              name="nameDisplay"
              data={NAME_DISPLAYS.map((v) => ({ value: v, label: t(`wallet.nameDisplays.${v}`) }))}
              value={nameDisplay}
              onChange={(e) => setNameDisplay(e.currentTarget.value as NameDisplay)}
              error={fieldErrors.nameDisplay}
            />
            <TextInput
              type="date"
              label={t('wallet.expires')}
              description={t('wallet.expiresHint')}
              name="expiresAt"
              value={expires}
              onChange={(e) => setExpires(e.currentTarget.value)}
              error={fieldErrors.expiresAt}
            />
            <Button type="submit" loading={busy}>{t('wallet.createShare')}</Button>
          </Group>
          <ErrorAlert message={formError} />
          <StatusMessage message={created} />
        </form>
      )}
      {item.shares.length === 0 ? (
        <Text size="sm" c="gray.7">{t('wallet.noShares')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" aria-labelledby={`shares-${uid}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('wallet.link')}</Table.Th>
                <Table.Th>{t('wallet.nameDisplay')}</Table.Th>
                <Table.Th>{t('wallet.status')}</Table.Th>
                <Table.Th>{t('wallet.views')}</Table.Th>
                <Table.Th>{t('wallet.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {item.shares.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    {s.state === 'active' ? <Anchor href={s.url}>{s.url}</Anchor> : <Text size="sm" c="gray.7" td="line-through">{s.url}</Text>}
                  </Table.Td>
                  <Table.Td>{t(`wallet.nameDisplays.${s.nameDisplay}`)}</Table.Td>
                  <Table.Td>
                    {s.state === 'active'
                      ? s.expiresAt
                        ? t('wallet.shareState.activeUntil', { date: fmt.date(s.expiresAt) })
                        : t('wallet.shareState.active')
                      : t(`wallet.shareState.${s.state}`)}
                  </Table.Td>
                  <Table.Td>{s.viewCount}</Table.Td>
                  <Table.Td>
                    {s.state === 'active' && (
                      <Group gap="xs" wrap="nowrap">
                        <CopyButton value={s.url}>
                          {({ copied, copy }) => (
                            <Button size="xs" variant="default" onClick={copy}>{copied ? t('wallet.copied') : t('wallet.copy')}</Button>
                          )}
                        </CopyButton>
                        <Button size="xs" color="red" variant="light" onClick={() => setWithdrawing(s)}>{t('wallet.withdraw')}</Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ErrorAlert message={withdrawError} />
      <ConfirmDialog
        opened={!!withdrawing}
        title={t('wallet.withdrawTitle')}
        body={t('wallet.withdrawBody')}
        confirmLabel={t('wallet.withdraw')}
        busy={busyWithdraw}
        onConfirm={() => void onWithdraw()}
        onCancel={() => setWithdrawing(null)}
      />
    </Stack>
  );
}
