/**
 * "Load demo case": opens one synthetic demo patient in the Case screen through the case store's
 * public actions — image, both readers' ROIs (as editable polygons) and the qPCR Ct triplicates with
 * the calibrator — so the features, miR-34a and the prediction follow exactly as for a real case.
 */
import type { DemoCaseEntry } from '../../demo/build';
import type { CtTriplicates } from '../../demo/generator';
import { emptyQpcrEntry, GENES, type QpcrEntry } from '../../qpcr/analysis';
import { newOpId, type Roi } from '../../roi/roi';
import { useCaseStore } from '../../store/caseStore';
import { MessageError } from '../../util/message';
import { fetchDemoBytes, fetchDemoCases } from './demoAssets';

function ctTexts(cts: CtTriplicates): QpcrEntry['cts']['patient'] {
  const out = emptyQpcrEntry().cts.patient;
  for (const gene of GENES) out[gene] = cts[gene].map((v) => v.toFixed(2)) as [string, string, string];
  return out;
}

function polygonRoi(c: DemoCaseEntry, points: DemoCaseEntry['roi']): Roi {
  return { width: c.width, height: c.height, ops: [{ kind: 'polygon', id: newOpId(), points }] };
}

/**
 * Opens demo patient `id` (default: the first patient of the demonstration model's validation set,
 * which the model has not seen) as a new case.
 * @returns the opened entry.
 * @throws Error when the demo files are missing or the patient id is unknown.
 */
export async function loadDemoCase(id?: string): Promise<DemoCaseEntry> {
  const list = await fetchDemoCases();
  const entry = id
    ? list.cases.find((c) => c.id === id)
    : (list.cases.find((c) => c.set === 'validation') ?? list.cases[0]);
  if (!entry) throw new MessageError('demo.noPatient', { id: String(id) });
  const bytes = await fetchDemoBytes(entry.image);
  const store = useCaseStore.getState();
  store.newCase();
  await store.openImage(bytes, `${entry.id}.png`);
  const after = useCaseStore.getState();
  if (after.imageError) throw new MessageError(after.imageError.code, after.imageError.params);
  after.setPatientId(entry.id);
  after.setReader(2);
  useCaseStore.getState().applyRoi(polygonRoi(entry, entry.roi2));
  useCaseStore.getState().setReader(1);
  useCaseStore.getState().applyRoi(polygonRoi(entry, entry.roi));
  useCaseStore.getState().setQpcr({
    ...emptyQpcrEntry(),
    cts: { patient: ctTexts(entry.cts), calibrator: ctTexts(list.calibrator) },
    calibratorRun: null,
  });
  return entry;
}
