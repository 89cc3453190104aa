/** CDI physician queries: opportunities in notes, query drafts, the query compliance checker. */
export { findQueryOpportunities, OPPORTUNITY_RULE, OPPORTUNITY_SOURCE, type CdiCodeSet } from './opportunities';
export { draftQuery, queryFileName, QUERY_HEADINGS, BLANK, OTHER_OPTION, UNDETERMINED_OPTION } from './draft';
export { checkQuery, parseQuery, QUERY_RULES, type QueryRule } from './check';
export { TOPICS, TOPICS_FILE, topicById, validateTopics } from './topics';
export type * from './types';
export { CDI_RULES } from '../findings/registry';
