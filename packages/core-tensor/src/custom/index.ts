export type { OnnxAttribute, OnnxGraphBuilder, OnnxOpInfo } from '../onnx/lowering.js';
export type { OpContext } from '../ops/define.js';
export { noGradient } from '../ops/define.js';
export type { OnnxMultiOutputOpInfo } from '../ops/define-multi-output.js';
export type {
  CustomMultiOutputOp,
  CustomMultiOutputOpDef,
  MultiOutputOpContext,
  OutputGrads,
} from './define-multi-output-op.js';
export { defineMultiOutputOp } from './define-multi-output-op.js';
export type { AttrsArgument, CustomOp, CustomOpDef, InputGrads, InputNames } from './define-op.js';
export { defineOp } from './define-op.js';
