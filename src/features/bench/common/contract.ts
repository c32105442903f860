import { z } from 'zod';
import {
  advanceInput,
  benchQueueInput,
  benchSettingsSchema,
  caseRef,
  takeInput,
  chooseRemedyInput,
  diagnoseInput,
  importPartsInput,
  issueEstimateInput,
  logWorkInput,
  partsListInput,
  recordDecisionInput,
  recordPaymentInput,
  savePartInput,
  type BenchCase,
  type BenchQueue,
  type BenchSettingsView,
  type Part,
  type PartsImportResult,
  type RepairDelayWatch,
} from './bench.ts';
import { rmaSchema } from '../../../base/common/schemas.ts';
import { empty, method } from '../../../base/common/rpc.ts';

const bench = ['technician'] as const;
const benchAndDesk = ['technician', 'clerk'] as const;

/** The technician's bench, the parts catalog and estimates. */
export const benchMethods = {
  'bench.queue': method<BenchQueue>()({
    input: benchQueueInput,
    access: 'signed-in',
    summary: 'Cases on the bench, oldest received first, with estimate expiry for those waiting on the customer.',
  }),
  'bench.delayWatch': method<RepairDelayWatch[]>()({
    input: empty,
    access: 'signed-in',
    summary: "Covered units on the bench whose days in repair near (within a week) or pass what their region's repair-delay rule allows.",
  }),
  'bench.take': method<BenchCase>()({
    writes: true,
    input: takeInput,
    access: bench,
    summary: 'Assigns a case to the signed-in technician; a received case goes into diagnosis.',
  }),
  'bench.release': method<BenchCase>()({
    writes: true,
    input: caseRef,
    access: bench,
    summary: 'Gives a case back to the queue.',
  }),
  'bench.get': method<BenchCase>()({
    input: z.object({ rma: rmaSchema }),
    access: 'signed-in',
    summary: 'Diagnosis, warranty decision, estimates, work and parts of a case.',
  }),
  'bench.diagnose': method<BenchCase>()({
    writes: true,
    input: diagnoseInput,
    access: bench,
    summary: 'Saves the diagnosis and decides warranty with its reason.',
  }),
  'bench.issueEstimate': method<BenchCase>()({
    writes: true,
    input: issueEstimateInput,
    access: bench,
    summary: 'Issues a new estimate version (superseding the last); the case waits on the customer and the portal is told.',
  }),
  'bench.recordDecision': method<BenchCase>()({
    writes: true,
    input: recordDecisionInput,
    access: benchAndDesk,
    summary: "Records the customer's decision on an estimate version (e.g. accepted by phone).",
  }),
  'bench.recordPayment': method<BenchCase>()({
    writes: true,
    input: recordPaymentInput,
    access: benchAndDesk,
    summary: 'Records a payment for an accepted estimate version.',
  }),
  'bench.logWork': method<BenchCase>()({
    writes: true,
    input: logWorkInput,
    access: bench,
    summary: 'Records work done, time spent and parts used (stock goes down in the same transaction).',
  }),
  'bench.advance': method<BenchCase>()({
    writes: true,
    input: advanceInput,
    access: benchAndDesk,
    summary: 'Moves a case along the bench: repair, waiting for parts, QA pass or fail, no fault found, return unrepaired.',
  }),
  'bench.chooseRemedy': method<BenchCase>()({
    writes: true,
    input: chooseRemedyInput,
    access: benchAndDesk,
    summary: "Records the customer's choice among the remedies offered; a refund closes the case as refunded.",
  }),
  'bench.settings': method<BenchSettingsView>()({
    input: empty,
    access: 'signed-in',
    summary: 'Warranty policy, labor rates, tax, return shipping fee, estimate validity and fault categories.',
  }),
  'bench.updateSettings': method<BenchSettingsView>()({
    writes: true,
    input: benchSettingsSchema,
    access: ['admin'],
    summary: 'Changes the warranty policy, rates and fault categories.',
  }),
  'parts.list': method<Part[]>()({
    input: partsListInput,
    access: 'signed-in',
    summary: 'The parts catalog by SKU.',
  }),
  'parts.save': method<Part>()({
    writes: true,
    input: savePartInput,
    access: ['admin'],
    summary: 'Adds or changes a part; a stock change is recorded with its reason.',
  }),
  'parts.import': method<PartsImportResult>()({
    writes: true,
    input: importPartsInput,
    access: ['admin'],
    summary: 'Imports parts from CSV (sku,name,price,stock): every row is checked, and all are saved or none.',
  }),
  'parts.export': method<{ csv: string }>()({
    input: empty,
    access: 'signed-in',
    summary: 'The parts catalog as CSV.',
  }),
} as const;

type BenchMethods = typeof benchMethods;
declare module '../../../base/common/rpc.ts' {
  interface DepotMethods extends BenchMethods {}
}
