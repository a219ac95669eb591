/**
 * The model registry: register a trained model, list and read models, activate one (admin), roll back
 * to the model active before, and hand matching the active approval model.
 *
 * Activation and rollback each run in one transaction with an audit record; a partial unique index
 * keeps at most one active model per kind even under concurrent activations. Matching asks for the
 * active model on every match (one small query), and each process keeps the parsed model per id, so
 * an activation takes effect at once in every instance.
 */
import { and, asc, desc, eq, inArray, max, ne } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { writeAudit, type Actor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/http/app-error.js';
import { pgErrorCode } from '../../platform/db/errors.js';
import { users } from '../../platform/auth/schema.js';
import { modelFromJSON, type TabularModel } from '../analytics/index.js';
import type { ApprovalScorer } from '../matching/index.js';
import { APPROVAL_COLUMNS } from './approval-features.js';
import { ApprovalModelScorer } from './approval-scorer.js';
import { mlModelActivations, mlModels, type MlModelRow, type ModelKind } from './schema.js';
import type { ApprovalEvaluation } from './train-approval.js';

/** A model as the admin API shows it (without its parameters); `names` gives the people behind user ids. */
export function modelView(row: MlModelRow, names: ReadonlyMap<string, string> = new Map()) {
  return {
    id: row.id,
    kind: row.kind,
    version: row.version,
    status: row.status,
    trainingFrom: row.trainingFrom.toISOString(),
    trainingTo: row.trainingTo.toISOString(),
    features: row.features as { columns: string[]; encoded: number },
    metrics: row.metrics as ApprovalEvaluation,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    createdByName: row.createdBy ? (names.get(row.createdBy) ?? null) : null,
    activatedAt: row.activatedAt?.toISOString() ?? null,
    activatedBy: row.activatedBy,
    activatedByName: row.activatedBy ? (names.get(row.activatedBy) ?? null) : null,
  };
}
export type ModelView = ReturnType<typeof modelView>;

/** The views of models with the names of who created and activated them (one query for all names). */
async function viewsWithNames(db: Executor, rows: MlModelRow[]): Promise<ModelView[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.createdBy, r.activatedBy]).filter((id): id is string => id !== null))];
  const people = ids.length ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)) : [];
  const names = new Map(people.map((p) => [p.id, p.name]));
  return rows.map((r) => modelView(r, names));
}
const viewWithNames = async (db: Executor, row: MlModelRow) => (await viewsWithNames(db, [row]))[0];

/** Stores a trained approval model as the next version (status `registered`, not yet used). */
export async function registerApprovalModel(db: Executor, model: TabularModel, evaluation: ApprovalEvaluation, actor: Actor): Promise<MlModelRow> {
  return db.transaction(async (tx) => {
    const [{ latest }] = await tx.select({ latest: max(mlModels.version) }).from(mlModels).where(eq(mlModels.kind, 'approval'));
    const [row] = await tx
      .insert(mlModels)
      .values({
        kind: 'approval',
        version: (latest ?? 0) + 1,
        trainingFrom: new Date(evaluation.training.from),
        trainingTo: new Date(evaluation.training.to),
        features: { columns: [...APPROVAL_COLUMNS], encoded: model.featureNames.length, names: model.featureNames },
        metrics: evaluation,
        parameters: model.toJSON(),
        createdBy: actor.userId,
      })
      .returning();
    await writeAudit(tx, actor, {
      action: 'model.registered',
      entityType: 'ml_model',
      entityId: row.id,
      after: { kind: row.kind, version: row.version, holdoutAuc: evaluation.holdout.auc, holdoutBrier: evaluation.holdout.brier },
    });
    return row;
  });
}

export async function listModels(db: Executor, kind?: ModelKind) {
  const rows = await db
    .select()
    .from(mlModels)
    .where(kind ? eq(mlModels.kind, kind) : undefined)
    .orderBy(asc(mlModels.kind), desc(mlModels.version));
  return viewsWithNames(db, rows);
}

async function findModel(db: Executor, id: string): Promise<MlModelRow> {
  const [row] = await db.select().from(mlModels).where(eq(mlModels.id, id));
  if (!row) throw AppError.notFound('Modell');
  return row;
}

export async function getModel(db: Executor, id: string) {
  return viewWithNames(db, await findModel(db, id));
}

/** Makes `target` the active model of its kind; the previously active one becomes `inactive`. */
async function switchTo(tx: Executor, target: MlModelRow, action: 'activate' | 'rollback', actor: Actor, rolledBack?: MlModelRow) {
  const now = new Date();
  const [current] = await tx
    .select()
    .from(mlModels)
    .where(and(eq(mlModels.kind, target.kind), eq(mlModels.status, 'active')))
    .for('update');
  if (current) {
    await tx
      .update(mlModels)
      .set({ status: rolledBack && rolledBack.id === current.id ? 'rolled_back' : 'inactive' })
      .where(eq(mlModels.id, current.id));
  }
  const [row] = await tx
    .update(mlModels)
    .set({ status: 'active', activatedAt: now, activatedBy: actor.userId })
    .where(eq(mlModels.id, target.id))
    .returning();
  await tx.insert(mlModelActivations).values({ kind: target.kind, modelId: target.id, action, at: now, actorId: actor.userId });
  await writeAudit(tx, actor, {
    action: action === 'activate' ? 'model.activated' : 'model.rolled_back',
    entityType: 'ml_model',
    entityId: target.id,
    before: current ? { activeModelId: current.id, activeVersion: current.version } : { activeModelId: null },
    after: { activeModelId: row.id, activeVersion: row.version, kind: row.kind },
  });
  return row;
}

async function inTransaction<T>(db: Executor, work: (tx: Executor) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(work);
  } catch (err) {
    // Two activations at once: the partial unique index lets one win.
    if (pgErrorCode(err) === '23505') throw new AppError('conflict', 'Gleichzeitig wurde ein anderes Modell aktiviert; bitte erneut versuchen.');
    throw err;
  }
}

/** Activates a model (admin). Activating the active model again is a no-op answer. */
export async function activateModel(db: Executor, id: string, actor: Actor) {
  return inTransaction(db, async (tx) => {
    const target = await findModel(tx, id);
    if (target.status === 'active') return viewWithNames(tx, target);
    // The parameters must load before the model may serve predictions.
    loadModel(target);
    return viewWithNames(tx, await switchTo(tx, target, 'activate', actor));
  });
}

/**
 * Rolls back: the active model of the kind is withdrawn (`rolled_back`) and the model that was active
 * before it is activated again. Models withdrawn by a rollback are skipped, so repeated rollbacks walk
 * further back instead of toggling.
 */
export async function rollbackModel(db: Executor, kind: ModelKind, actor: Actor) {
  return inTransaction(db, async (tx) => {
    const [current] = await tx.select().from(mlModels).where(and(eq(mlModels.kind, kind), eq(mlModels.status, 'active')));
    if (!current) throw new AppError('conflict', 'Es ist kein Modell aktiv, zu dem zurückgerollt werden könnte.');
    const history = await tx
      .select({ modelId: mlModelActivations.modelId, status: mlModels.status })
      .from(mlModelActivations)
      .innerJoin(mlModels, eq(mlModels.id, mlModelActivations.modelId))
      .where(and(eq(mlModelActivations.kind, kind), ne(mlModelActivations.modelId, current.id)))
      .orderBy(desc(mlModelActivations.id));
    const previous = history.find((h) => h.status !== 'rolled_back');
    if (!previous) throw new AppError('conflict', 'Vor dem aktiven Modell war kein anderes aktiv.');
    return viewWithNames(tx, await switchTo(tx, await findModel(tx, previous.modelId), 'rollback', actor, current));
  });
}

// ------------------------------------------------------------------------------------------------
// the active approval model for matching

const parsed = new Map<string, TabularModel>();

function loadModel(row: MlModelRow): TabularModel {
  let model = parsed.get(row.id);
  if (!model) {
    try {
      model = modelFromJSON(row.parameters);
    } catch (err) {
      throw new AppError('conflict', `Die Parameter von Modell ${row.kind} v${row.version} sind nicht lesbar: ${(err as Error).message}`);
    }
    parsed.set(row.id, model);
  }
  return model;
}

/** The active approval model as matching's scorer, or null when none is active. */
export async function activeApprovalScorer(db: Executor): Promise<ApprovalScorer | null> {
  const [active] = await db
    .select({ id: mlModels.id, version: mlModels.version })
    .from(mlModels)
    .where(and(eq(mlModels.kind, 'approval'), eq(mlModels.status, 'active')));
  if (!active) return null;
  let model = parsed.get(active.id);
  if (!model) model = loadModel(await findModel(db, active.id));
  return new ApprovalModelScorer(model, active.version);
}
