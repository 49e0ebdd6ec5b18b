import { Button, Checkbox, Fieldset, Group, MultiSelect, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ACHIEVEMENT_TYPES,
  type Achievement,
  type AchievementDefinition,
  achievements,
  type Alignment,
  INTEGRATION_MODES,
  PARTICIPATION_FORMS,
  RESULT_TYPES,
  SUPERVISION_MODES,
} from '../../api/issuing';
import { ErrorAlert } from '../../components/Feedback';
import { SkillPicker } from '../../components/SkillPicker';
import { useAsync } from '../../components/useAsync';
import { programmes } from '../../api/programmes';
import { useForm } from '../../components/useForm';

const lines = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);
const commaList = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
const opt = (s: string) => (s.trim() ? s.trim() : undefined);
const num = (s: string) => (s.trim() ? Number(s.replace(',', '.')) : undefined);

/** Everything the form edits, as strings the inputs hold. */
function draftOf(d?: AchievementDefinition) {
  const r = d?.resultDescriptions[0];
  return {
    name: d?.name ?? '',
    description: d?.description ?? '',
    criteria: d?.criteria.narrative ?? '',
    imageUrl: d?.image?.id.startsWith('http') ? d.image.id : '',
    imageCaption: d?.image?.caption ?? '',
    achievementType: d?.achievementType ?? 'MicroCredential',
    tags: d?.tags.join(', ') ?? '',
    fieldOfStudy: d?.fieldOfStudy ?? '',
    humanCode: d?.humanCode ?? '',
    inLanguage: d?.inLanguage.join(', ') ?? 'en',
    learningOutcomes: d?.learningOutcomes.join('\n') ?? '',
    ects: d?.workload.ects?.toString() ?? '',
    hours: d?.workload.hours?.toString() ?? '',
    eqfLevel: d?.eqfLevel?.toString() ?? '',
    assessment: d?.assessment ?? '',
    participation: d?.participation ?? 'online',
    qualityAssurance: d?.qualityAssurance ?? '',
    prerequisites: d?.prerequisites ?? '',
    supervisionMode: d?.supervision?.mode ?? '',
    identityVerified: d?.supervision?.identityVerified ?? false,
    gradingScheme: d?.gradingScheme ?? '',
    integrationMode: d?.integration?.mode ?? '',
    integrationDescription: d?.integration?.description ?? '',
    furtherInformation: d?.furtherInformation ?? '',
    resultName: r?.name ?? '',
    resultType: r?.resultType ?? 'LetterGrade',
    allowedValues: r?.allowedValue?.join(', ') ?? '',
    requiredValue: r?.requiredValue ?? '',
    durationWeeks: d?.durationWeeks?.toString() ?? '',
    priceAmount: d?.price?.amount.toString() ?? '',
    priceCurrency: d?.price?.currency ?? 'EUR',
  };
}
type Draft = ReturnType<typeof draftOf>;

/**
 * Defines an achievement, or with `initial` saves a new version of it: the
 * Open Badges 3.0 Achievement fields and the EU Council Recommendation's
 * elements, skills from the taxonomy (search or suggestions), and the API's
 * field-level errors under their inputs.
 */
export function AchievementEditor({ orgId, initial, onSaved, onCancel }: { orgId: string; initial?: Achievement; onSaved: (a: Achievement) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState<Draft>(() => draftOf(initial?.definition));
  const [alignments, setAlignments] = useState<Alignment[]>(initial?.definition.alignments ?? []);
  const [publish, setPublish] = useState(true);
  const [requires, setRequires] = useState<string[]>(initial?.definition.prerequisiteAchievements ?? []);
  const catalogue = useAsync(() => programmes.catalogue(), []);
  const { formRef, busy, formError, fieldErrors, submit } = useForm();
  const idp = initial ? `edit-${initial.id}` : 'new-achievement';
  const set = (k: keyof Draft) => (e: { currentTarget: { value: string } }) => {
    const v = e.currentTarget.value;
    setF((d) => ({ ...d, [k]: v }));
  };

  const toDefinition = (): AchievementDefinition => {
    const previous = initial?.definition;
    const result = f.resultName.trim()
      ? [
          {
            name: f.resultName.trim(),
            resultType: f.resultType,
            ...(commaList(f.allowedValues).length ? { allowedValue: commaList(f.allowedValues) } : {}),
            ...(opt(f.requiredValue) ? { requiredValue: f.requiredValue.trim() } : {}),
          },
          ...(previous?.resultDescriptions.slice(1) ?? []),
        ]
      : [];
    // A data: image from the API is kept when the URL field is left empty.
    const image = opt(f.imageUrl)
      ? { id: f.imageUrl.trim(), ...(opt(f.imageCaption) ? { caption: f.imageCaption.trim() } : {}) }
      : previous?.image?.id.startsWith('data:')
        ? previous.image
        : undefined;
    return {
      name: f.name.trim(),
      description: f.description.trim(),
      criteria: { narrative: f.criteria.trim() },
      ...(image ? { image } : {}),
      achievementType: f.achievementType,
      tags: commaList(f.tags),
      alignments,
      resultDescriptions: result,
      ...(opt(f.fieldOfStudy) ? { fieldOfStudy: f.fieldOfStudy.trim() } : {}),
      ...(opt(f.humanCode) ? { humanCode: f.humanCode.trim() } : {}),
      inLanguage: commaList(f.inLanguage).length ? commaList(f.inLanguage) : ['en'],
      learningOutcomes: lines(f.learningOutcomes),
      workload: { ...(num(f.ects) !== undefined ? { ects: num(f.ects) } : {}), ...(num(f.hours) !== undefined ? { hours: num(f.hours) } : {}) },
      ...(num(f.eqfLevel) !== undefined ? { eqfLevel: num(f.eqfLevel) } : {}),
      assessment: f.assessment.trim(),
      participation: f.participation as AchievementDefinition['participation'],
      qualityAssurance: f.qualityAssurance.trim(),
      ...(opt(f.prerequisites) ? { prerequisites: f.prerequisites.trim() } : {}),
      prerequisiteAchievements: requires,
      ...(f.supervisionMode ? { supervision: { mode: f.supervisionMode as (typeof SUPERVISION_MODES)[number], identityVerified: f.identityVerified } } : {}),
      ...(opt(f.gradingScheme) ? { gradingScheme: f.gradingScheme.trim() } : {}),
      ...(f.integrationMode
        ? { integration: { mode: f.integrationMode as (typeof INTEGRATION_MODES)[number], ...(opt(f.integrationDescription) ? { description: f.integrationDescription.trim() } : {}) } }
        : {}),
      ...(opt(f.furtherInformation) ? { furtherInformation: f.furtherInformation.trim() } : {}),
      ...(num(f.durationWeeks) !== undefined ? { durationWeeks: num(f.durationWeeks) } : {}),
      ...(num(f.priceAmount) !== undefined ? { price: { amount: num(f.priceAmount)!, currency: f.priceCurrency.trim().toUpperCase() } } : {}),
    };
  };

  const isNumber = (s: string) => !s.trim() || Number.isFinite(Number(s.replace(',', '.')));
  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    const required = t('validation.required');
    void submit(
      () => ({
        name: f.name.trim() ? undefined : required,
        description: f.description.trim() ? undefined : required,
        criteria: f.criteria.trim() ? undefined : required,
        learningOutcomes: lines(f.learningOutcomes).length ? undefined : t('achievements.editor.outcomesRequired'),
        workload: !f.ects.trim() && !f.hours.trim() ? t('achievements.editor.workloadRequired') : !isNumber(f.ects) || !isNumber(f.hours) ? t('achievements.editor.number') : undefined,
        assessment: f.assessment.trim() ? undefined : required,
        qualityAssurance: f.qualityAssurance.trim() ? undefined : required,
      }),
      async () => {
        const definition = toDefinition();
        const saved = initial ? await achievements.revise(orgId, initial.id, definition) : await achievements.create(orgId, definition, publish);
        onSaved(saved);
        if (initial) return;
        setF(draftOf());
        setAlignments([]);
      },
    );
  };

  const text = (k: keyof Draft, label: string, o: { required?: boolean; hint?: string; error?: string; inputMode?: 'decimal' | 'numeric' | 'url' } = {}) => (
    <TextInput label={label} name={k} required={o.required} description={o.hint} inputMode={o.inputMode} value={f[k] as string} onChange={set(k)} error={o.error ?? fieldErrors[k]} />
  );
  const area = (k: keyof Draft, label: string, o: { required?: boolean; hint?: string; error?: string } = {}) => (
    <Textarea label={label} name={k} required={o.required} description={o.hint} autosize minRows={2} value={f[k] as string} onChange={set(k)} error={o.error ?? fieldErrors[k]} />
  );
  const E = 'achievements.editor';

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={`${idp}-heading`}>
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={initial ? 3 : 2} size="h3" id={`${idp}-heading`} className="wrap-anywhere">
            {initial ? t(`${E}.editHeading`, { name: initial.definition.name }) : t(`${E}.newHeading`)}
          </Title>
          <Text size="sm">{t(`${E}.intro`)}</Text>
          <ErrorAlert message={formError} />

          <Fieldset legend={t(`${E}.aboutLegend`)}>
            <Stack gap="sm">
              {text('name', t(`${E}.name`), { required: true })}
              {area('description', t(`${E}.description`), { required: true })}
              {area('criteria', t(`${E}.criteria`), { required: true, hint: t(`${E}.criteriaHint`) })}
              {area('learningOutcomes', t(`${E}.learningOutcomes`), { required: true, hint: t(`${E}.learningOutcomesHint`) })}
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NativeSelect
                  label={t(`${E}.achievementType`)}
                  name="achievementType"
                  value={f.achievementType}
                  onChange={set('achievementType')}
                  error={fieldErrors.achievementType}
                  data={[...new Set([f.achievementType, ...ACHIEVEMENT_TYPES])].map((v) => ({ value: v, label: v }))}
                />
                {text('humanCode', t(`${E}.humanCode`))}
                {text('fieldOfStudy', t(`${E}.fieldOfStudy`))}
                {text('inLanguage', t(`${E}.inLanguage`), { hint: t(`${E}.inLanguageHint`) })}
              </SimpleGrid>
              {text('tags', t(`${E}.tags`), { hint: t(`${E}.tagsHint`) })}
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {text('imageUrl', t(`${E}.imageUrl`), { hint: t(`${E}.imageUrlHint`), inputMode: 'url', error: fieldErrors.image })}
                {text('imageCaption', t(`${E}.imageCaption`))}
              </SimpleGrid>
            </Stack>
          </Fieldset>

          <SkillPicker
            value={alignments}
            onChange={setAlignments}
            error={fieldErrors.alignments}
            legend={t(`${E}.skillsLegend`)}
            suggestFrom={() => [f.description, f.criteria, f.learningOutcomes].filter((s) => s.trim()).join('\n')}
          />

          <Fieldset legend={t(`${E}.euLegend`)}>
            <Stack gap="sm">
              <Text size="sm" c="gray.8">
                {t(`${E}.euIntro`)}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                {text('ects', t(`${E}.ects`), { inputMode: 'decimal', error: fieldErrors.workload })}
                {text('hours', t(`${E}.hours`), { inputMode: 'decimal', error: undefined })}
                <NativeSelect
                  label={t(`${E}.eqfLevel`)}
                  name="eqfLevel"
                  value={f.eqfLevel}
                  onChange={set('eqfLevel')}
                  error={fieldErrors.eqfLevel}
                  data={[{ value: '', label: t(`${E}.eqfNone`) }, ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ value: String(n), label: t(`${E}.eqfOption`, { level: n }) }))]}
                />
              </SimpleGrid>
              {area('assessment', t(`${E}.assessment`), { required: true, hint: t(`${E}.assessmentHint`) })}
              <NativeSelect
                label={t(`${E}.participation`)}
                name="participation"
                required
                value={f.participation}
                onChange={set('participation')}
                error={fieldErrors.participation}
                data={PARTICIPATION_FORMS.map((v) => ({ value: v, label: t(`${E}.participationForms.${v}`) }))}
              />
              {area('qualityAssurance', t(`${E}.qualityAssurance`), { required: true, hint: t(`${E}.qualityAssuranceHint`) })}
            </Stack>
          </Fieldset>

          <Fieldset legend={t(`${E}.optionalLegend`)}>
            <Stack gap="sm">
              {area('prerequisites', t(`${E}.prerequisites`))}
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NativeSelect
                  label={t(`${E}.supervision`)}
                  name="supervisionMode"
                  value={f.supervisionMode}
                  onChange={set('supervisionMode')}
                  error={fieldErrors.supervision}
                  data={[{ value: '', label: t(`${E}.notStated`) }, ...SUPERVISION_MODES.map((v) => ({ value: v, label: t(`${E}.supervisionModes.${v}`) }))]}
                />
                <Checkbox
                  mt={{ base: 0, sm: 'xl' }}
                  label={t(`${E}.identityVerified`)}
                  name="identityVerified"
                  disabled={!f.supervisionMode}
                  checked={f.identityVerified}
                  onChange={(ev) => {
                    const v = ev.currentTarget.checked;
                    setF((d) => ({ ...d, identityVerified: v }));
                  }}
                />
              </SimpleGrid>
              {area('gradingScheme', t(`${E}.gradingScheme`))}
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NativeSelect
                  label={t(`${E}.integration`)}
                  name="integrationMode"
                  value={f.integrationMode}
                  onChange={set('integrationMode')}
                  error={fieldErrors.integration}
                  data={[{ value: '', label: t(`${E}.notStated`) }, ...INTEGRATION_MODES.map((v) => ({ value: v, label: t(`${E}.integrationModes.${v}`) }))]}
                />
                {text('integrationDescription', t(`${E}.integrationDescription`))}
              </SimpleGrid>
              {text('furtherInformation', t(`${E}.furtherInformation`), { hint: t(`${E}.furtherInformationHint`), inputMode: 'url' })}
            </Stack>
          </Fieldset>

          <Fieldset legend={t(`${E}.resultLegend`)}>
            <Stack gap="sm">
              <Text size="sm" c="gray.8">
                {t(`${E}.resultIntro`)}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {text('resultName', t(`${E}.resultName`), { error: fieldErrors.resultDescriptions })}
                <NativeSelect
                  label={t(`${E}.resultType`)}
                  name="resultType"
                  value={f.resultType}
                  onChange={set('resultType')}
                  data={[...new Set([f.resultType, ...RESULT_TYPES])].map((v) => ({ value: v, label: v }))}
                />
                {text('allowedValues', t(`${E}.allowedValues`), { hint: t(`${E}.allowedValuesHint`) })}
                {text('requiredValue', t(`${E}.requiredValue`))}
              </SimpleGrid>
            </Stack>
          </Fieldset>

          <Fieldset legend={t(`${E}.catalogueLegend`)}>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {text('durationWeeks', t(`${E}.durationWeeks`), { inputMode: 'decimal' })}
              {text('priceAmount', t(`${E}.priceAmount`), { inputMode: 'decimal', error: fieldErrors.price })}
              {text('priceCurrency', t(`${E}.priceCurrency`))}
            </SimpleGrid>
            <MultiSelect
              mt="sm"
              label={t(`${E}.prerequisiteAchievements`)}
              description={t(`${E}.prerequisiteAchievementsHint`)}
              data={(catalogue.data?.items ?? []).filter((a) => a.id !== initial?.id).map((a) => ({ value: a.id, label: `${a.definition.name} (${a.provider.name})` }))}
              value={requires}
              onChange={setRequires}
              searchable
              clearable
              error={fieldErrors.prerequisiteAchievements}
            />
          </Fieldset>

          {!initial && <Checkbox label={t(`${E}.publishNow`)} checked={publish} onChange={(ev) => setPublish(ev.currentTarget.checked)} />}
          <Group>
            <Button type="submit" loading={busy}>
              {initial ? t(`${E}.saveVersion`) : t(`${E}.create`)}
            </Button>
            {onCancel && (
              <Button variant="subtle" onClick={onCancel}>
                {t('common.cancel')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
