import { Badge, Button, Fieldset, Group, List, Paper, Stack, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Alignment, type SkillHit, type SkillMatch, skills } from '../api/issuing';
import { errorMessage } from '../i18n/errors';
import { ErrorAlert } from './Feedback';

interface SkillPickerProps {
  /** The chosen skills, as OB 3.0 alignments (name, taxonomy URI, framework). */
  value: Alignment[];
  onChange(value: Alignment[]): void;
  /** The text skills are suggested from (description, criteria, learning outcomes); no suggest button without it. */
  suggestFrom?: () => string;
  legend?: string;
  error?: string;
}

/** "esco-1.1.1" → "ESCO": the framework name an alignment carries. */
const frameworkOf = (taxonomy: string) => taxonomy.split('-')[0]!.toUpperCase();
const CONTEXT = 50;

/**
 * Chooses skills from the taxonomy: a typo-tolerant search (GET /api/skills)
 * and, given a text, suggestions (POST /api/skills/extract) that the user
 * accepts or rejects one by one, each shown with the words it was found in.
 */
export function SkillPicker({ value, onChange, suggestFrom, legend, error }: SkillPickerProps) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<{ taxonomy: string; items: SkillHit[] } | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [suggestions, setSuggestions] = useState<{ taxonomy: string; text: string; items: SkillMatch[] } | null>(null);
  const [suggesting, setSuggesting] = useState(false);
  const [suggestError, setSuggestError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');

  const chosen = new Set(value.map((a) => a.targetUrl));
  const add = (a: Alignment) => {
    if (!chosen.has(a.targetUrl)) onChange([...value, a]);
    setAnnounce(t('skillPicker.added', { skill: a.targetName }));
  };
  const remove = (url: string) => {
    const gone = value.find((a) => a.targetUrl === url);
    onChange(value.filter((a) => a.targetUrl !== url));
    if (gone) setAnnounce(t('skillPicker.removed', { skill: gone.targetName }));
  };

  // Search as the user types, a moment after the last key; a newer query drops the older answer.
  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setHits(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      skills.search(q).then(
        (r) => {
          if (!live) return;
          setHits(r);
          setSearchError(null);
          setAnnounce(t('skillPicker.results', { count: r.items.length }));
        },
        (e: unknown) => live && setSearchError(errorMessage(t, e)),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, t]);

  const suggest = async () => {
    const text = suggestFrom?.().trim() ?? '';
    setSuggestError(null);
    if (!text) {
      setSuggestError(t('skillPicker.nothingToSuggestFrom'));
      return;
    }
    setSuggesting(true);
    try {
      const r = await skills.extract(text);
      const items = r.skills.filter((s) => !chosen.has(s.uri));
      setSuggestions({ taxonomy: r.taxonomy, text, items });
      setAnnounce(t('skillPicker.suggested', { count: items.length }));
    } catch (e) {
      setSuggestError(errorMessage(t, e));
    } finally {
      setSuggesting(false);
    }
  };

  const settle = (s: SkillMatch, accept: boolean) => {
    if (!suggestions) return;
    if (accept) add({ targetName: s.label, targetUrl: s.uri, targetFramework: frameworkOf(suggestions.taxonomy) });
    else setAnnounce(t('skillPicker.rejected', { skill: s.label }));
    setSuggestions({ ...suggestions, items: suggestions.items.filter((x) => x.uri !== s.uri) });
  };

  return (
    <Fieldset legend={legend ?? t('skillPicker.legend')} aria-describedby={error ? `${id}-error` : undefined}>
      <Stack gap="sm">
        <VisuallyHidden role="status">{announce}</VisuallyHidden>
        {error && (
          <Text id={`${id}-error`} c="red.8" size="sm">
            {error}
          </Text>
        )}
        <Text size="sm" fw={600} id={`${id}-chosen`}>
          {t('skillPicker.chosen', { count: value.length })}
        </Text>
        {value.length > 0 && (
          <List spacing={4} aria-labelledby={`${id}-chosen`}>
            {value.map((a) => (
              <List.Item key={a.targetUrl}>
                <Group gap="xs" wrap="wrap">
                  <Text size="sm" className="wrap-anywhere">
                    {a.targetName}
                  </Text>
                  {a.targetFramework && (
                    <Badge variant="outline" color="gray" size="sm">
                      {a.targetFramework}
                    </Badge>
                  )}
                  <Button variant="subtle" color="red" size="compact-sm" onClick={() => remove(a.targetUrl)} aria-label={t('skillPicker.remove', { skill: a.targetName })}>
                    {t('skillPicker.removeShort')}
                  </Button>
                </Group>
              </List.Item>
            ))}
          </List>
        )}

        <TextInput label={t('skillPicker.search')} description={t('skillPicker.searchHint')} value={query} onChange={(e) => setQuery(e.currentTarget.value)} type="search" />
        <ErrorAlert message={searchError} />
        {hits && hits.items.length === 0 && <Text size="sm">{t('skillPicker.noResults')}</Text>}
        {hits && hits.items.length > 0 && (
          <List spacing={4} aria-label={t('skillPicker.resultsLabel')}>
            {hits.items.map((h) => (
              <List.Item key={h.uri}>
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <Button
                    size="compact-sm"
                    variant="light"
                    disabled={chosen.has(h.uri)}
                    onClick={() => add({ targetName: h.label, targetUrl: h.uri, targetFramework: frameworkOf(hits.taxonomy) })}
                    aria-label={t('skillPicker.add', { skill: h.label })}
                  >
                    {chosen.has(h.uri) ? t('skillPicker.addedShort') : t('skillPicker.addShort')}
                  </Button>
                  <Text size="sm" className="wrap-anywhere">
                    {h.label}
                    {h.matched !== h.label && (
                      <Text span size="sm" c="gray.7">
                        {' '}
                        ({h.matched})
                      </Text>
                    )}
                  </Text>
                </Group>
              </List.Item>
            ))}
          </List>
        )}

        {suggestFrom && (
          <Group>
            <Button variant="default" onClick={() => void suggest()} loading={suggesting}>
              {t('skillPicker.suggest')}
            </Button>
          </Group>
        )}
        <ErrorAlert message={suggestError} />
        {suggestions && suggestions.items.length === 0 && <Text size="sm">{t('skillPicker.noSuggestions')}</Text>}
        {suggestions && suggestions.items.length > 0 && (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('skillPicker.suggestionsLabel')}>
            {suggestions.items.map((s) => (
              <Paper key={s.uri} withBorder p="sm" component="li" aria-label={s.label}>
                <Stack gap={6}>
                  <Group justify="space-between" wrap="wrap" gap="xs">
                    <Text fw={600} size="sm" className="wrap-anywhere">
                      {s.label}
                    </Text>
                    <Group gap="xs">
                      <Button size="compact-sm" onClick={() => settle(s, true)} aria-label={t('skillPicker.accept', { skill: s.label })}>
                        {t('skillPicker.acceptShort')}
                      </Button>
                      <Button size="compact-sm" variant="default" onClick={() => settle(s, false)} aria-label={t('skillPicker.reject', { skill: s.label })}>
                        {t('skillPicker.rejectShort')}
                      </Button>
                    </Group>
                  </Group>
                  {s.evidence.slice(0, 2).map((span, i) => (
                    <Text key={i} size="sm" c="gray.8" className="wrap-anywhere">
                      {t('skillPicker.foundIn')}{' '}
                      <q>
                        {span.start > CONTEXT ? '…' : ''}
                        {suggestions.text.slice(Math.max(0, span.start - CONTEXT), span.start)}
                        <mark>{suggestions.text.slice(span.start, span.end)}</mark>
                        {suggestions.text.slice(span.end, span.end + CONTEXT)}
                        {span.end + CONTEXT < suggestions.text.length ? '…' : ''}
                      </q>
                    </Text>
                  ))}
                </Stack>
              </Paper>
            ))}
          </Stack>
        )}
      </Stack>
    </Fieldset>
  );
}
