/**
 * Chronic conditions: listed under Past Medical History ("PMH:", "History:") they are still present and
 * codeable, unlike a past episode (a healed fracture, a treated cancer, a prior stroke). A coder reports the
 * chronic systemic conditions that coexist with the encounter's reason (ICD-10-CM Official Guidelines III
 * "other diagnoses", IV.I chronic diseases, IV.J "code all documented conditions that coexist").
 *
 * The list is data: condition words (never codes), compared with the mention's words, its abbreviation's
 * phrase and its first candidate's Tabular title. Explicit triggers ("history of", "s/p", "resolved") still
 * make a mention historical wherever it is written; only the section-wide context of a history heading is
 * set aside for these conditions. Documented in docs/notes.md.
 */

/** Words or phrases naming chronic conditions (lower case, whole words; a trailing `*` matches any ending). */
export const CHRONIC_CONDITION_WORDS: readonly string[] = [
  'chronic',
  'diabetes',
  'diabetic',
  'hypertension',
  'hypertensive',
  'heart failure',
  'cardiomyopathy',
  'coronary',
  'atherosclerotic heart disease',
  'atrial fibrillation',
  'atrial flutter',
  'asthma',
  'emphysema',
  'hyperlipidemia',
  'hypercholesterolemia',
  'dyslipidemia',
  'hypothyroidism',
  'hyperthyroidism',
  'hyperparathyroidism',
  'obesity',
  'sleep apnea',
  'gastro-esophageal reflux',
  'gastroesophageal reflux',
  'reflux',
  'end stage renal',
  'epilepsy',
  'parkinson*',
  'dementia',
  'alzheimer*',
  'multiple sclerosis',
  'human immunodeficiency virus',
  'hiv',
  'rheumatoid arthritis',
  'osteoarthritis',
  'gout',
  'osteoporosis',
  'lupus',
  'cirrhosis',
  'glaucoma',
  'hyperplasia of prostate',
  'benign prostatic hyperplasia',
  'bipolar',
  'schizophrenia',
  'aortic stenosis',
  'aortic valve stenosis',
  'mitral regurgitation',
  'hypothyroid',
];

/** Words that make a listed condition an episode rather than a chronic state ("acute gout flare"). */
const EPISODE_WORDS = /\b(acute|exacerbation|flare|episode|ketoacidosis|crisis)\b/;

const PATTERN = new RegExp(
  `\\b(?:${CHRONIC_CONDITION_WORDS.map((w) =>
    w.endsWith('*') ? `${escape(w.slice(0, -1))}\\w*` : `${escape(w)}\\b`,
  ).join('|')})`,
);

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
}

/**
 * Whether a mention names a chronic condition: any of its texts (mention words, abbreviation phrase, first
 * candidate title) names one, and neither its words, its abbreviation's phrase nor its Index path describe
 * an acute episode ("DKA": diabetic ketoacidosis, a past episode when listed under PMH).
 */
export function isChronicCondition(texts: {
  mention: string;
  phrase?: string;
  title?: string;
  path?: string;
}): boolean {
  const mention = texts.mention.toLowerCase();
  const episode = `${mention} ${texts.phrase?.toLowerCase() ?? ''} ${texts.path?.toLowerCase() ?? ''}`;
  if (EPISODE_WORDS.test(episode) && !/\bacute on chronic\b/.test(episode)) return false;
  return [mention, texts.phrase, texts.title].some((t) => t !== undefined && PATTERN.test(t.toLowerCase()));
}
