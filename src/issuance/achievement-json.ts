import type { Achievement, AchievementDefinition } from '../achievements/index.js';
import type { JsonObject } from '../credentials/index.js';

/**
 * The EU Recommendation elements that Open Badges has no term for, written
 * into the signed criteria narrative so they travel with the credential in
 * words every OB reader displays.
 */
function euElements(d: AchievementDefinition): string {
  const lines = [
    '**Learning outcomes**',
    ...d.learningOutcomes.map((o) => `- ${o}`),
    '',
    `**Workload:** ${[d.workload.ects && `${d.workload.ects} ECTS`, d.workload.hours && `${d.workload.hours} hours`].filter(Boolean).join(', ')}`,
    ...(d.eqfLevel ? [`**EQF level:** ${d.eqfLevel}`] : []),
    `**Assessment:** ${d.assessment}`,
    `**Form of participation:** ${d.participation}`,
    `**Quality assurance:** ${d.qualityAssurance}`,
    ...(d.prerequisites ? [`**Prerequisites:** ${d.prerequisites}`] : []),
    ...(d.supervision ? [`**Supervision during assessment:** ${d.supervision.mode}; identity verified: ${d.supervision.identityVerified ? 'yes' : 'no'}`] : []),
    ...(d.gradingScheme ? [`**Grading:** ${d.gradingScheme}`] : []),
    ...(d.integration ? [`**Integration / stackability:** ${d.integration.mode}${d.integration.description ? ` — ${d.integration.description}` : ''}`] : []),
    ...(d.furtherInformation ? [`**Further information:** ${d.furtherInformation}`] : []),
  ];
  return lines.join('\n');
}

export function achievementUrl(publicUrl: string, a: Pick<Achievement, 'id' | 'version'>): string {
  return `${publicUrl}/achievements/${a.id}/versions/${a.version}`;
}

/** The OB 3.0 `Achievement` for a definition at one version. */
export function toObAchievement(publicUrl: string, a: Achievement): JsonObject & { id: string; name: string } {
  const d = a.definition;
  const id = achievementUrl(publicUrl, a);
  return {
    id,
    type: ['Achievement'],
    name: d.name,
    description: d.description,
    criteria: { narrative: `${d.criteria.narrative}\n\n${euElements(d)}` },
    achievementType: d.achievementType,
    version: String(a.version),
    inLanguage: d.inLanguage[0],
    ...(d.workload.ects ? { creditsAvailable: d.workload.ects } : {}),
    ...(d.image ? { image: { id: d.image.id, type: 'Image', ...(d.image.caption ? { caption: d.image.caption } : {}) } } : {}),
    ...(d.tags.length ? { tag: d.tags } : {}),
    ...(d.fieldOfStudy ? { fieldOfStudy: d.fieldOfStudy } : {}),
    ...(d.humanCode ? { humanCode: d.humanCode } : {}),
    ...(d.alignments.length
      ? { alignment: d.alignments.map((al) => ({ type: ['Alignment'], ...al })) }
      : {}),
    ...(d.resultDescriptions.length
      ? { resultDescription: d.resultDescriptions.map((r, i) => ({ id: `${id}#result-${i + 1}`, type: ['ResultDescription'], ...r })) }
      : {}),
  };
}
