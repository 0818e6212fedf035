/**
 * The PACS in the app (Zustand): settings, search, open, store to PACS (through the outbox), prior
 * analyses. The UI talks to the PACS only through this store.
 *
 * Must stay true:
 * - Nothing is contacted while no PACS is configured (`settings.enabled` false): every action then
 *   throws `pacs.notConfigured` before any request.
 * - Settings persist in IndexedDB (`meta`, key `pacsSettings`) WITHOUT secrets: a Basic password or a
 *   Bearer token is kept in memory for the session only. After a 401/403 `authPrompt` is set (the UI
 *   asks for the password/token again); `setSecret` clears it.
 * - A case shows "stored in PACS" only for an outbox item in state `stored` (the server confirmed
 *   the SR's SOP Instance UID).
 *
 * Every action reports problems as `MessageError` (`pacs.*` codes); render them with
 * t(`code.${m.code}`, m.params).
 */
import { create } from 'zustand';
import { outboxItemsForCase, outboxStorage, PACS_SETTINGS_KEY, readMeta, writeMeta } from '../db/pacsOutbox';
import { getModel } from '../db/models';
import { createDicomwebClient, type DicomwebClient } from '../pacs/dicomweb';
import { enqueue, flushOutbox, retryItem, type OutboxItem } from '../pacs/outbox';
import {
  readSonomirSr,
  readStudyContext,
  SONOMIR_SERIES_DESCRIPTION,
  SR_SOP_CLASS,
  writeSonomirSr,
} from '../pacs/sr';
import type {
  InstanceSummary,
  PacsAuth,
  SeriesSummary,
  SonomirAnalysis,
  SrIdentity,
  StudyQuery,
  StudySummary,
} from '../pacs/types';
import { isMessageError, MessageError, type Message } from '../util/message';
import type { StoredFeatures, StoredPrediction } from '../db/types';
import { useCaseStore } from './caseStore';
import { emptyQpcrEntry } from '../qpcr/analysis';

export type PacsAuthKind = 'none' | 'basic' | 'bearer';

/** What is persisted (no secrets). */
export interface PacsSettings {
  /** False: no PACS configured, nothing is ever contacted. */
  enabled: boolean;
  /** DICOMweb root; default same-origin '/dicom-web'. */
  root: string;
  authKind: PacsAuthKind;
  /** Basic user name. */
  user: string;
  /** Operator written into each SR (Person Observer Name); Unicode. */
  operator: string;
}

export const DEFAULT_PACS_SETTINGS: PacsSettings = {
  enabled: false,
  root: '/dicom-web',
  authKind: 'none',
  user: '',
  operator: '',
};

/** A SonoMiR SR found on the PACS for a study. */
export interface PriorAnalysis {
  identity: SrIdentity;
  /** Read from the SR (operator, date, probabilities …). */
  analysis: SonomirAnalysis;
}

export interface PacsState {
  settings: PacsSettings;
  /** Settings were read from the database. */
  loaded: boolean;
  /** Session-only secret: Basic password or Bearer token (never persisted). */
  secret: string;
  /** Set after a 401/403: the UI asks for the password/token again (cleared by setSecret). */
  authPrompt: Message | null;
  /** Outbox items, oldest first (refreshOutbox / after every store or flush). */
  outbox: OutboxItem[];

  /** Reads the persisted settings (defaults when none). */
  loadSettings(): Promise<void>;
  /** Persists settings (without secrets). */
  saveSettings(settings: PacsSettings): Promise<void>;
  /** Sets the session password/token (memory only) and clears `authPrompt`. */
  setSecret(secret: string): void;
  /** QIDO `/studies?limit=1` with the current settings; throws a `pacs.*` MessageError on failure. */
  testConnection(): Promise<void>;
  searchStudies(query: StudyQuery): Promise<StudySummary[]>;
  listSeries(studyUid: string): Promise<SeriesSummary[]>;
  listInstances(studyUid: string, seriesUid: string): Promise<InstanceSummary[]>;
  /** Rendered JPEG thumbnail bytes of frame 1, or null (then show no thumbnail or decode the instance). */
  thumbnail(i: InstanceSummary): Promise<Uint8Array | null>;
  /** Retrieves the original instance bytes (transfer-syntax=*). */
  retrieve(
    i: Pick<InstanceSummary, 'studyInstanceUid' | 'seriesInstanceUid' | 'sopInstanceUid'>,
  ): Promise<Uint8Array>;
  /**
   * Retrieves an instance and opens it in the case (caseStore.openImage, same decoder as a file: US
   * regions, multi-frame frame choice, calibration). `frame` 0-based for clips.
   */
  openInstance(i: InstanceSummary, frame?: number): Promise<void>;
  /**
   * Writes the current case's analysis as an SR (new UIDs), puts it in the outbox and tries to send
   * it at once. Resolves with the outbox item (state stored, pending with lastError, or rejected).
   * @throws MessageError pacs.notDicomSource / pacs.noAnalysis when there is nothing to store
   */
  storeAnalysis(): Promise<OutboxItem>;
  /** Re-reads the outbox from the database. */
  refreshOutbox(): Promise<void>;
  /** Sends pending items (due ones; all with force). */
  flushOutbox(force?: boolean): Promise<void>;
  /** A rejected item back to pending, then flush. */
  retryOutboxItem(id: string): Promise<void>;
  /** Deletes an outbox item (the user decided to drop a rejected object). */
  discardOutboxItem(id: string): Promise<void>;
  /** Outbox items of a case, newest first ("stored in PACS" = an item in state stored). */
  caseOutbox(caseId: string): Promise<OutboxItem[]>;
  /** SonoMiR SRs of a study on the PACS (any workstation), newest first. */
  listPriorAnalyses(studyUid: string): Promise<PriorAnalysis[]>;
  /**
   * Opens a prior analysis in the case: retrieves the referenced source image, opens it (same frame)
   * and restores ROI, features, miR-34a (as a direct relative-expression entry) and prediction.
   */
  openPrior(prior: PriorAnalysis): Promise<void>;
}

/** The client for the current settings and secret (throws pacs.notConfigured when off). */
function clientOf(
  s: Pick<PacsState, 'settings' | 'secret'>,
  onAuthError: (m: Message) => void,
): DicomwebClient {
  if (!s.settings.enabled || s.settings.root.trim() === '') throw new MessageError('pacs.notConfigured');
  const secret = s.secret;
  const auth: PacsAuth =
    s.settings.authKind === 'basic'
      ? { kind: 'basic', user: s.settings.user, password: secret }
      : s.settings.authKind === 'bearer'
        ? { kind: 'bearer', getToken: () => usePacsStore.getState().secret }
        : { kind: 'none' };
  const client = createDicomwebClient({ root: s.settings.root, auth });
  // Every call: a 401/403 raises the prompt for credentials.
  const wrap =
    <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      try {
        return await f(...a);
      } catch (e) {
        if (isMessageError(e) && (e.code === 'pacs.unauthorized' || e.code === 'pacs.forbidden'))
          onAuthError(e.toMessage());
        throw e;
      }
    };
  return {
    testConnection: wrap(client.testConnection),
    searchStudies: wrap(client.searchStudies),
    searchSeries: wrap(client.searchSeries),
    searchInstances: wrap(client.searchInstances),
    instanceExists: wrap(client.instanceExists),
    retrieveInstance: wrap(client.retrieveInstance),
    rendered: wrap(client.rendered),
    store: wrap(client.store),
  };
}

export const usePacsStore = create<PacsState>((set, get) => {
  const client = () => clientOf(get(), (m) => set({ authPrompt: m }));
  const refresh = async () => {
    const items = await outboxStorage().list();
    set({ outbox: items.sort((a, b) => a.createdAt.localeCompare(b.createdAt)) });
  };
  return {
    settings: DEFAULT_PACS_SETTINGS,
    loaded: false,
    secret: '',
    authPrompt: null,
    outbox: [],

    loadSettings: async () => {
      const stored = await readMeta<Partial<PacsSettings>>(PACS_SETTINGS_KEY);
      set({ settings: { ...DEFAULT_PACS_SETTINGS, ...stored }, loaded: true });
    },

    saveSettings: async (settings) => {
      await writeMeta(PACS_SETTINGS_KEY, { ...settings });
      set({ settings });
    },

    setSecret: (secret) => set({ secret, authPrompt: null }),

    testConnection: async () => client().testConnection(),
    searchStudies: async (q) => client().searchStudies(q),
    listSeries: async (study) => client().searchSeries(study),
    listInstances: async (study, series) => client().searchInstances(study, series),
    thumbnail: async (i) => client().rendered(i.studyInstanceUid, i.seriesInstanceUid, i.sopInstanceUid, 1),
    retrieve: async (i) =>
      client().retrieveInstance(i.studyInstanceUid, i.seriesInstanceUid, i.sopInstanceUid),

    openInstance: async (i, frame) => {
      const bytes = await get().retrieve(i);
      await useCaseStore.getState().openImage(bytes, `${i.sopInstanceUid}.dcm`, frame);
    },

    storeAnalysis: async () => {
      const c = useCaseStore.getState();
      const rec = c.record;
      if (!c.image || rec.image?.format !== 'dicom') throw new MessageError('pacs.notDicomSource');
      const missing = [
        !rec.roi || rec.roi.ops.length === 0 ? 'ROI' : '',
        !rec.features ? 'features' : '',
        !rec.prediction ? 'prediction' : '',
      ]
        .filter(Boolean)
        .join(', ');
      if (missing) throw new MessageError('pacs.noAnalysis', { missing });
      const context = readStudyContext(c.image.bytes);
      const pred = rec.prediction!;
      const registry = await getModel(pred.modelHash).catch(() => null);
      const analysis: SonomirAnalysis = {
        context,
        frame: rec.image.frame ?? null,
        roi: rec.roi!,
        features: rec.features!.values,
        featureUnit: rec.featureUnit,
        mir34a: rec.qpcrResult?.relativeExpression ?? null,
        probabilities: pred.probabilities,
        model: {
          name: pred.modelName,
          version: registry ? String(registry.version) : '',
          sha256: pred.modelHash,
        },
        operator: get().settings.operator,
        analysedAt: new Date().toISOString(),
        details: { features: rec.features!, prediction: pred, qpcrResult: rec.qpcrResult },
      };
      const { bytes, identity } = writeSonomirSr(analysis);
      const storage = outboxStorage();
      const item = await enqueue(storage, {
        sopInstanceUid: identity.sopInstanceUid,
        seriesInstanceUid: identity.seriesInstanceUid,
        studyInstanceUid: identity.studyInstanceUid,
        patientId: context.patientId,
        caseId: rec.id,
        bytes,
      });
      let result = item;
      try {
        const items = await flushOutbox(storage, client(), { force: true });
        result = items.find((x) => x.id === item.id) ?? item;
      } finally {
        await refresh();
      }
      if (result.lastError?.code === 'pacs.unauthorized' || result.lastError?.code === 'pacs.forbidden') {
        set({ authPrompt: result.lastError });
      }
      return result;
    },

    refreshOutbox: refresh,

    flushOutbox: async (force = false) => {
      try {
        const items = await flushOutbox(outboxStorage(), client(), { force });
        const auth = items.find(
          (x) =>
            x.state === 'pending' &&
            (x.lastError?.code === 'pacs.unauthorized' || x.lastError?.code === 'pacs.forbidden'),
        );
        if (auth?.lastError) set({ authPrompt: auth.lastError });
      } finally {
        await refresh();
      }
    },

    retryOutboxItem: async (id) => {
      await retryItem(outboxStorage(), id);
      await get().flushOutbox(true);
    },

    discardOutboxItem: async (id) => {
      await outboxStorage().delete(id);
      await refresh();
    },

    caseOutbox: (caseId) => outboxItemsForCase(caseId),

    listPriorAnalyses: async (studyUid) => {
      const cl = client();
      const series = (await cl.searchSeries(studyUid, 'SR')).filter(
        (s) => s.seriesDescription === SONOMIR_SERIES_DESCRIPTION,
      );
      const out: PriorAnalysis[] = [];
      for (const s of series) {
        for (const i of await cl.searchInstances(studyUid, s.seriesInstanceUid)) {
          if (i.sopClassUid && i.sopClassUid !== SR_SOP_CLASS) continue;
          const bytes = await cl.retrieveInstance(studyUid, s.seriesInstanceUid, i.sopInstanceUid);
          try {
            out.push(readSonomirSr(bytes));
          } catch (e) {
            // Another program's SR in a series of the same name: not a SonoMiR analysis, skip it.
            if (!(isMessageError(e) && e.code === 'pacs.notSonomirSr')) throw e;
          }
        }
      }
      return out.sort((a, b) => b.identity.contentDateTime.localeCompare(a.identity.contentDateTime));
    },

    openPrior: async (prior) => {
      const a = prior.analysis;
      const ctx = a.context;
      const bytes = await get().retrieve({
        studyInstanceUid: ctx.studyInstanceUid,
        seriesInstanceUid: ctx.seriesInstanceUid,
        sopInstanceUid: ctx.sopInstanceUid,
      });
      const cs = useCaseStore.getState();
      await cs.openImage(bytes, `${ctx.sopInstanceUid}.dcm`, a.frame ?? undefined);
      const after = useCaseStore.getState();
      if (!after.image)
        throw new MessageError('pacs.badSr', { detail: after.imageError ?? 'source image not opened' });
      after.setPatientId(ctx.patientId);
      after.setFeatureUnit(a.featureUnit);
      after.applyRoi(a.roi);
      if (a.details?.features) after.setFeatures(a.details.features as StoredFeatures);
      if (a.details?.prediction) after.setPrediction(a.details.prediction as StoredPrediction);
      // miR-34a as a direct relative-expression entry (String of a double round-trips exactly), so
      // the prediction panel recomputes the same probability with the same model.
      if (a.mir34a !== null)
        after.setQpcr({ ...emptyQpcrEntry(), directRelativeExpression: String(a.mir34a) });
    },
  };
});
