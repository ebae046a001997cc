import type { AnyModule } from './module.js';

const countFormat = new Intl.NumberFormat('en-US');

function paramSuffix(module: AnyModule): string {
  const n = module.numParameters();
  return n === 0 ? '' : `  # ${countFormat.format(n)} param${n === 1 ? '' : 's'}`;
}

/**
 * PyTorch-style tree, each line ending with the module's parameter count:
 *
 * ```text
 * Sequential(
 *   (0): Linear(inFeatures=64, outFeatures=32, bias=true)  # 2,080 params
 *   (1): ReLU()
 * )  # 2,080 params
 * ```
 */
export function formatModuleTree(module: AnyModule, indent = ''): string {
  const head = `${module.constructor.name}(${module.extraRepr()}`;
  const children = module.namedChildren();
  if (children.length === 0) return `${head})${paramSuffix(module)}`;
  const inner = `${indent}  `;
  const lines = children.map(([name, child]) => `${inner}(${name}): ${formatModuleTree(child, inner)}`);
  const opening = module.extraRepr() === '' ? head : `${head},`;
  return `${opening}\n${lines.join('\n')}\n${indent})${paramSuffix(module)}`;
}
