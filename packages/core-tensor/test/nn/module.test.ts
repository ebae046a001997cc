import type {} from '@shinkei/vitest-config/matchers';
import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/index.js';
import { ones, tensor, zeros } from '../../src/index.js';
import type { AnyModule } from '../../src/nn/index.js';
import { Linear, Module, ModuleDict, ModuleList, ReLU, Sequential, StateDictError } from '../../src/nn/index.js';

class Scale extends Module {
  readonly gain = this.registerParameter('gain', ones([3]));
  readonly calls = this.registerBuffer('calls', zeros([1]));

  forward(x: Tensor): Tensor {
    return x.mul(this.gain);
  }
}

class Net extends Module {
  readonly encoder = this.registerModule('encoder', new Sequential(new Linear(3, 4), new ReLU()));
  readonly scale = this.registerModule('scale', new Scale());
  readonly head = this.registerModule('head', new Linear(4, 2, { bias: false }));

  forward(x: Tensor): Tensor {
    return this.head.call(this.encoder.call(this.scale.call(x)));
  }
}

describe('Module registration and traversal', () => {
  it('names parameters, buffers and modules by dotted path in registration order', () => {
    const net = new Net();
    expect(net.namedParameters().map(([n]) => n)).toEqual([
      'encoder.0.weight',
      'encoder.0.bias',
      'scale.gain',
      'head.weight',
    ]);
    expect(net.namedBuffers().map(([n]) => n)).toEqual(['scale.calls']);
    expect(net.namedModules().map(([n]) => n)).toEqual(['', 'encoder', 'encoder.0', 'encoder.1', 'scale', 'head']);
    expect(net.namedChildren().map(([n]) => n)).toEqual(['encoder', 'scale', 'head']);
    expect(net.children()).toHaveLength(3);
    expect(net.parameters({ recurse: false })).toEqual([]);
    expect(net.scale.parameters({ recurse: false })).toEqual([net.scale.gain]);
    expect(net.numParameters()).toBe(3 * 4 + 4 + 3 + 4 * 2);
  });

  it('registers parameters as float leaves that require grad', () => {
    const s = new Scale();
    expect(s.gain.requiresGrad).toBe(true);
    expect(s.calls.requiresGrad).toBe(false);
    class Bad extends Module {
      forward(x: Tensor): Tensor {
        return x;
      }
      add(name: string, t: Tensor): Tensor {
        return this.registerParameter(name, t);
      }
    }
    const bad = new Bad();
    expect(() => bad.add('w', tensor([1], { dtype: 'int32' }))).toThrow(/must be a float tensor, got int32/);
    expect(() => bad.add('w', tensor([1], { requiresGrad: true }).mul(2))).toThrow(/must be a leaf/);
    expect(() => bad.add('a.b', ones([1]))).toThrow(/contain no '\.'/);
    bad.add('w', ones([1]));
    expect(() => bad.add('w', ones([1]))).toThrow(/'w' is already registered on Bad/);
  });

  it('counts a shared parameter once', () => {
    const shared = new Linear(2, 2);
    const model = new Sequential(shared, new ReLU(), shared);
    expect(model.parameters()).toHaveLength(2);
    expect(model.namedModules()).toHaveLength(3);
  });

  it('train()/eval() set the mode of the whole tree; apply visits children first', () => {
    const net = new Net();
    net.eval();
    expect(net.modules().every((m) => !m.training)).toBe(true);
    net.train();
    expect(net.encoder.at(1).training).toBe(true);
    const visited: string[] = [];
    net.apply((m) => visited.push(m.constructor.name));
    expect(visited).toEqual(['Linear', 'ReLU', 'Sequential', 'Scale', 'Linear', 'Net']);
  });

  it('requiresGrad_ freezes and unfreezes; zeroGrad clears gradients', () => {
    const net = new Net();
    net
      .call(ones([1, 3]))
      .sum()
      .backward();
    expect(net.parameters().every((p) => p.grad !== null)).toBe(true);
    net.zeroGrad();
    expect(net.parameters().every((p) => p.grad === null)).toBe(true);
    net.encoder.requiresGrad_(false);
    expect(net.numParameters({ trainableOnly: true })).toBe(3 + 8);
    net
      .call(ones([1, 3]))
      .sum()
      .backward();
    expect(net.encoder.parameters().every((p) => p.grad === null)).toBe(true);
  });
});

describe('state dict', () => {
  it('snapshots parameters and buffers in order; later training does not change it', () => {
    const net = new Net();
    const sd = net.stateDict();
    expect(Object.keys(sd)).toEqual(['encoder.0.weight', 'encoder.0.bias', 'scale.gain', 'scale.calls', 'head.weight']);
    expect(sd['scale.gain']).not.toBe(net.scale.gain);
    net.scale.gain.requiresGrad = false;
    net.scale.gain.fill_(5);
    expect(Array.from(sd['scale.gain']!.data)).toEqual([1, 1, 1]);
  });

  it('loads in place (same tensor objects) and round-trips', () => {
    const a = new Net();
    const b = new Net();
    const weight = b.head.weight;
    b.loadStateDict(a.stateDict());
    expect(b.head.weight).toBe(weight);
    for (const [key, t] of Object.entries(a.stateDict()))
      expect(Array.from(b.stateDict()[key]!.data)).toEqual(Array.from(t.data));
  });

  it('strict loading names missing and unexpected keys; nothing is copied on error', () => {
    const net = new Net();
    const sd = net.stateDict();
    const before = Array.from(net.head.weight.data);
    const { 'scale.gain': _gain, ...missing } = sd;
    const changed = { ...missing, 'scale.gian': ones([3]), 'head.weight': zeros([2, 4]) };
    expect(() => net.loadStateDict(changed)).toThrow(StateDictError);
    expect(() => net.loadStateDict(changed)).toThrow(/missing keys: scale\.gain[\s\S]*unexpected keys: scale\.gian/);
    expect(Array.from(net.head.weight.data)).toEqual(before);
  });

  it('non-strict loading reports missing and unexpected keys and loads the rest', () => {
    const net = new Net();
    const { 'scale.gain': _gain, ...rest } = net.stateDict();
    const result = net.loadStateDict({ ...rest, 'head.weight': zeros([2, 4]), extra: ones([1]) }, { strict: false });
    expect(result).toEqual({ missingKeys: ['scale.gain'], unexpectedKeys: ['extra'] });
    expect(Array.from(net.head.weight.data)).toEqual(Array(8).fill(0));
  });

  it('a shape mismatch throws even when not strict', () => {
    const net = new Net();
    expect(() => net.loadStateDict({ 'head.weight': zeros([4, 2]) }, { strict: false })).toThrow(
      /shape mismatch for head\.weight: the module has \[2,4\], the state dict \[4,2\]/,
    );
  });
});

describe('containers', () => {
  it('Sequential chains layers and accepts named layers', () => {
    const named = new Sequential({ fc: new Linear(2, 3), act: new ReLU() });
    expect(named.namedParameters().map(([n]) => n)).toEqual(['fc.weight', 'fc.bias']);
    expect(named.call(ones([5, 2])).shape).toEqual([5, 3]);
    expect(named.length).toBe(2);
    expect([...named].map((m) => m.constructor.name)).toEqual(['Linear', 'ReLU']);
    expect(() => named.at(2)).toThrow(/out of range/);
    expect(() => new Sequential(3 as unknown as Linear)).toThrow(/Sequential: layer '0' must be a Module, got number/);
    expect(() => new Sequential(new Linear(1, 1), ((x: unknown) => x) as unknown as Linear)).toThrow(
      /layer '1' must be a Module, got function/,
    );
    expect(() => new Sequential({ fc: 'linear' as unknown as Linear })).toThrow(
      /layer 'fc' must be a Module, got string/,
    );
  });

  it('ModuleList and ModuleDict register their items', () => {
    const list = new ModuleList([new Linear(1, 1), new Linear(1, 1)]).append(new Linear(1, 2));
    expect(list.length).toBe(3);
    expect(list.namedParameters().map(([n]) => n)).toContain('2.weight');
    const dict = new ModuleDict<AnyModule>({ a: new Linear(1, 1) }).set('b', new ReLU());
    expect(dict.keys()).toEqual(['a', 'b']);
    expect(dict.get('a').numParameters()).toBe(2);
    expect(() => dict.get('c')).toThrow(/no module named 'c' \(have a, b\)/);
    dict.set('a', new Linear(1, 3));
    expect(dict.numParameters()).toBe(6);
  });
});

describe('toString', () => {
  it('prints a tree with parameter counts', () => {
    const model = new Sequential(new Linear(64, 32), new ReLU(), new Linear(32, 10));
    expect(model.toString()).toBe(
      [
        'Sequential(',
        '  (0): Linear(inFeatures=64, outFeatures=32, bias=true)  # 2,080 params',
        '  (1): ReLU()',
        '  (2): Linear(inFeatures=32, outFeatures=10, bias=true)  # 330 params',
        ')  # 2,410 params',
      ].join('\n'),
    );
  });
});
