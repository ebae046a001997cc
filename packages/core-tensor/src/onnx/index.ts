export type { Exportable, ExportableModule, ExportOptions } from './export.js';
export { exportOnnx, exportOnnxToFile } from './export.js';
export type { OnnxAttribute, OnnxGraphBuilder, OnnxLowering, OnnxOpInfo } from './lowering.js';
export { TraceError } from './trace.js';
