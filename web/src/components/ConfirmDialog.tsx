import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  busy?: boolean;
  /** Red for destructive actions (the default); another theme colour for one that is not. */
  confirmColor?: string;
  /** Extra content between the question and the buttons, e.g. an optional reason. */
  children?: ReactNode;
  onConfirm(): void;
  onCancel(): void;
}

/** A destructive action's "are you sure?" step; Mantine's Modal traps focus and returns it on close. */
export function ConfirmDialog({ opened, title, body, confirmLabel, busy, confirmColor = 'red', children, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onCancel} title={title} closeButtonProps={{ 'aria-label': t('common.close') }} centered>
      <Stack>
        <Text>{body}</Text>
        {children}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button color={confirmColor} loading={busy} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
