/**
 * Child-process entry: `child.ts <systemId> <plan JSON>`. Runs one Node system's cases
 * in this process (so its peak RSS is that system's alone) and sends the SystemRun to
 * the parent over the IPC channel.
 */
import type { PlanItem } from '../cases/plan.js';
import { systemById } from '../systems/registry.js';
import { runNodeSystem } from './node-runner.js';

const [systemId, planJson] = process.argv.slice(2);
const system = systemById(systemId ?? '');
if (system.runner !== 'node') throw new Error(`child.ts runs Node systems only, not "${system.id}"`);
const run = await runNodeSystem(system.id, system.load, JSON.parse(planJson ?? '[]') as PlanItem[]);
process.send?.(run, () => process.disconnect());
