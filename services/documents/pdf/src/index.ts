export { pdfService, type PdfServiceOptions } from './service/pdf-service.ts';
export {
  defaultStoragePolicy,
  StorageClient,
  type DocumentUpload,
  type StorageClientOptions,
} from './storage/storage-client.ts';
export type { StoredDocument } from './storage/stored-document.ts';
export { renderReport, type RenderedReport } from './render/render-report.ts';
export { reportOf, type Report, type ReportRequest, type ReportRow } from './report/report.ts';
export { sampleRows } from './report/sample-rows.ts';
export { pdf } from './descriptor.ts';
