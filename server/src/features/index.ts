/**
 * The feature registry: one `register(ctx)` per feature file. To add a feature, write
 * features/yourFeature.ts exporting `register(ctx: ServerContext)` that pushes providers onto
 * ctx.providers (diagnostics, hover, completion, codeActions, symbols) or registers custom requests
 * on ctx.connection, then add ONE line below.
 */
import type { ServerContext } from '../services/serverContext';
import { register as cdi } from './cdi';
import { register as codeActions } from './codeActions';
import { register as codeBrowser } from './codeBrowser';
import { register as companion } from './companion';
import { register as completion } from './completion';
import { register as diagnostics } from './diagnostics';
import { register as grading } from './grading';
import { register as hover } from './hover';
import { register as notes } from './notes';
import { register as symbols } from './symbols';

export type FeatureRegistration = (ctx: ServerContext) => void;

export const features: FeatureRegistration[] = [
  diagnostics,
  hover,
  completion,
  codeActions,
  symbols,
  grading,
  cdi,
  notes,
  codeBrowser,
  companion,
  // other helpers: add `yourFeature,` here (note reading, CDI queries, trainer grading …)
];
