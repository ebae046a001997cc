import { useBackend } from '../../src/backend/index.js';
import { everything } from './both.js';

// every op the ort backend accelerates runs in ONNX Runtime, however small
if (useBackend('ort', everything) !== 'ort') throw new Error('the ort op suite needs onnxruntime-node');
