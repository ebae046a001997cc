import { noGrad } from '../autograd/mode.js';
import { formatShape, sameShape } from '../shape.js';
import { Tensor } from '../tensor/tensor.js';

/** Parameters and buffers by dotted path (`0.weight`, `bn.runningMean`), in registration order. */
export type StateDict = Record<string, Tensor>;

/**
 * How state-dict keys are spelled: 'shinkei' (default) as registered here, camelCase
 * (`1.runningMean`); 'pytorch' as PyTorch names the same tensors, snake_case
 * (`1.running_mean`, `1.num_batches_tracked`), so checkpoints move between the two.
 */
export type StateDictKeys = 'shinkei' | 'pytorch';

export interface StateDictOptions {
  /** Key spelling (default 'shinkei'). */
  keys?: StateDictKeys;
}

export interface LoadStateDictOptions extends StateDictOptions {
  /** Throw on missing or unexpected keys (default true). */
  strict?: boolean;
}

export interface LoadStateDictResult {
  /** Keys the module has and the state dict lacks. */
  missingKeys: string[];
  /** Keys the state dict has and the module does not. */
  unexpectedKeys: string[];
}

/** Thrown when a state dict does not fit a module: lists the missing, unexpected and mis-shaped keys. */
export class StateDictError extends Error {
  override name = 'StateDictError';
}

/**
 * A dotted key in PyTorch's spelling: every camelCase segment in snake_case
 * (`layers.0.runningMean` → `layers.0.running_mean`), the rest unchanged.
 */
export function pytorchKey(key: string): string {
  return key.replace(/(?<=[a-z0-9])([A-Z])/g, (letter) => `_${letter.toLowerCase()}`);
}

/** `entries` with their keys spelled as asked. */
export function spellKeys<T>(
  entries: readonly (readonly [string, T])[],
  keys: StateDictKeys = 'shinkei',
): [string, T][] {
  if (keys !== 'shinkei' && keys !== 'pytorch') {
    throw new RangeError(`state dict keys must be 'shinkei' or 'pytorch', got '${String(keys)}'`);
  }
  return entries.map(([key, value]) => [keys === 'pytorch' ? pytorchKey(key) : key, value]);
}

/** A detached copy of a tensor with its own buffer. */
export function copyTensor(t: Tensor): Tensor {
  return new Tensor(t.data.slice(), t.shape);
}

/** Copies of `entries` as an ordered record. */
export function snapshot(entries: readonly (readonly [string, Tensor])[]): StateDict {
  const out: StateDict = {};
  for (const [key, t] of entries) out[key] = copyTensor(t);
  return out;
}

/**
 * Check `source` against the module's live tensors, then copy every matching value in
 * place (cast to the target's dtype). Throws a StateDictError before copying anything
 * when a shape differs, or, when strict, when a key is missing or unexpected.
 */
export function loadTensors(
  owner: string,
  targets: readonly (readonly [string, Tensor])[],
  source: StateDict,
  strict: boolean,
): LoadStateDictResult {
  const targetKeys = new Set(targets.map(([key]) => key));
  const missingKeys = targets.map(([key]) => key).filter((key) => !Object.hasOwn(source, key));
  const unexpectedKeys = Object.keys(source).filter((key) => !targetKeys.has(key));
  const misShaped = targets.filter(([key, t]) => Object.hasOwn(source, key) && !sameShape(source[key]!.shape, t.shape));
  const problems: string[] = [];
  if (strict && missingKeys.length > 0) problems.push(`missing keys: ${missingKeys.join(', ')}`);
  if (strict && unexpectedKeys.length > 0) problems.push(`unexpected keys: ${unexpectedKeys.join(', ')}`);
  for (const [key, t] of misShaped) {
    problems.push(
      `shape mismatch for ${key}: the module has ${formatShape(t.shape)}, the state dict ${formatShape(source[key]!.shape)}`,
    );
  }
  if (problems.length > 0) throw new StateDictError(`loadStateDict into ${owner}:\n  ${problems.join('\n  ')}`);
  noGrad(() => {
    for (const [key, t] of targets) if (Object.hasOwn(source, key)) t.copy_(source[key]!);
  });
  return { missingKeys, unexpectedKeys };
}
