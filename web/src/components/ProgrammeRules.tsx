import { Badge, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Programme, ProgrammeRule, RuleProgress } from '../api/programmes';

/** "All of", "Any 2 of", "At least 5 ECTS from": a rule's requirement in words. */
export function useRuleHeading() {
  const { t } = useTranslation();
  return (r: ProgrammeRule) =>
    r.type === 'all' ? t('programmes.rule.all') : r.type === 'n_of' ? t('programmes.rule.nOf', { n: r.n }) : t('programmes.rule.minCredits', { credits: r.credits });
}

/**
 * A programme's rules with the achievements each names; with `progress`,
 * each achievement is marked held or missing and each rule satisfied or not.
 */
export function ProgrammeRules({ programme, progress }: { programme: Programme; progress?: RuleProgress[] }) {
  const { t } = useTranslation();
  const heading = useRuleHeading();
  const name = (id: string) => programme.achievements[id]?.name ?? t('programmes.unknownAchievement');
  return (
    <Stack gap="sm">
      {programme.definition.rules.map((rule, i) => {
        const p = progress?.[i];
        return (
          <div key={i}>
            <Group gap="xs" wrap="wrap">
              <Text fw={700} component="h3" size="md" m={0}>
                {rule.title ? `${rule.title}: ` : ''}
                {heading(rule)}
              </Text>
              {p && (
                <Badge color={p.satisfied ? 'green' : 'gray'} variant="light">
                  {p.satisfied ? t('programmes.progress.ruleMet') : t('programmes.progress.ruleOpen', { achieved: p.achieved, required: p.required })}
                </Badge>
              )}
            </Group>
            <List spacing={4} mt={4}>
              {rule.achievementIds.map((id) => {
                const ects = programme.achievements[id]?.ects;
                const held = p?.held.includes(id);
                return (
                  <List.Item key={id}>
                    <span className="wrap-anywhere">{name(id)}</span>
                    {ects ? ` · ${t('programmes.ects', { ects })}` : ''}
                    {p && <Text span fw={600}>{` — ${held ? t('programmes.progress.held') : t('programmes.progress.missing')}`}</Text>}
                  </List.Item>
                );
              })}
            </List>
          </div>
        );
      })}
    </Stack>
  );
}
