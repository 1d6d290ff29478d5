import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { GraphBuilder, attr, decodeModel, encodeModel, readModelMetadata } from './index';

async function session(bytes: Uint8Array): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(bytes, { graphOptimizationLevel: 'all' });
}

describe('ONNX writer', () => {
  it('builds MatMul+Add+Sigmoid that onnxruntime runs with a symbolic batch dim', async () => {
    const g = new GraphBuilder('logreg');
    g.input('x', 'float32', ['batch', 3]);
    g.initializer('W', 'float32', [3, 1], [1, -2, 0.5]);
    g.initializer('b', 'float32', [1], [0.25]);
    const [xw] = g.node('MatMul', ['x', 'W']);
    const [z] = g.node('Add', [xw!, 'b']);
    g.node('Sigmoid', [z!], ['y']);
    g.output('y', 'float32', ['batch', 1]);
    const bytes = encodeModel({ graph: g.build(), opsetVersion: 17, producerName: 'folio-test' });

    const s = await session(bytes);
    const x = new Float32Array([1, 1, 1, 0, 0, 0, 2, 0, -4]);
    const out = await s.run({ x: new ort.Tensor('float32', x, [3, 3]) });
    const y = out.y!.data as Float32Array;
    const sig = (v: number) => 1 / (1 + Math.exp(-v));
    expect(out.y!.dims).toEqual([3, 1]);
    expect(y[0]).toBeCloseTo(sig(1 - 2 + 0.5 + 0.25), 5);
    expect(y[1]).toBeCloseTo(sig(0.25), 5);
    expect(y[2]).toBeCloseTo(sig(2 - 2 + 0.25), 5);
    await s.release();
  });

  it('builds Gather over an int8 table + Cast + ReduceSum (int64 axes, negative attr)', async () => {
    const g = new GraphBuilder('bag');
    g.input('ids', 'int64', ['batch', 'tokens']);
    g.initializer('E', 'int8', [4, 2], [1, 2, -3, 4, 5, -6, 127, -128]);
    g.initializer('axes', 'int64', [1], [1]);
    const [rows] = g.node('Gather', ['E', 'ids'], undefined, { axis: 0 });
    const [f] = g.node('Cast', [rows!], undefined, { to: 1 });
    g.node('ReduceSum', [f!, 'axes'], ['sum'], { keepdims: 0 });
    g.node('Softmax', ['sum'], ['soft'], { axis: -1 });
    g.node('LeakyRelu', ['sum'], ['leaky'], { alpha: attr.float(0.5) });
    g.output('sum', 'float32', ['batch', 2]);
    g.output('soft', 'float32', ['batch', 2]);
    g.output('leaky', 'float32', ['batch', 2]);
    const bytes = encodeModel({ graph: g.build(), opsetVersion: 17 });
    const s = await session(bytes);
    const ids = new ort.Tensor('int64', BigInt64Array.from([0n, 3n, 1n, 1n]), [2, 2]);
    const out = await s.run({ ids });
    expect(Array.from(out.sum!.data as Float32Array)).toEqual([128, -126, -6, 8]);
    expect(Array.from(out.leaky!.data as Float32Array)).toEqual([128, -63, -3, 8]);
    const soft = out.soft!.data as Float32Array;
    expect(soft[0]! + soft[1]!).toBeCloseTo(1, 6);
    await s.release();
  });

  it('round-trips initializers, nodes, dims and metadata_props through the decoder', () => {
    const g = new GraphBuilder('rt', 'doc');
    g.input('q', 'uint8', ['n', 5]);
    g.initializer('f', 'float32', [2, 2], [0.5, -1.5, 3, 1e-8]);
    g.initializer('i8', 'int8', [3], [-128, 0, 127]);
    g.initializer('u8', 'uint8', [2], [0, 255]);
    g.initializer('i64', 'int64', [3], [-1, 0, 2 ** 40]);
    g.node('Identity', ['q'], ['out'], { axes: [-1, 2], name: 'x', scale: attr.floats([0.5, 2]) });
    g.output('out', 'uint8', ['n', 5]);
    const metadata = { 'folio.sha256': 'abc', 'folio.version': '3', ünïcode: '中文 ✓' };
    const bytes = encodeModel({
      graph: g.build(),
      opsetVersion: 17,
      producerName: 'folio',
      producerVersion: '1.2',
      metadata,
    });
    const m = decodeModel(bytes);
    expect(m.irVersion).toBe(8);
    expect(m.producerName).toBe('folio');
    expect(m.producerVersion).toBe('1.2');
    expect(m.opsets).toEqual([{ domain: '', version: 17 }]);
    expect(m.metadata).toEqual(metadata);
    expect(readModelMetadata(bytes)).toEqual(metadata);
    const byName = Object.fromEntries(m.graph.initializers.map((t) => [t.name, t]));
    expect(Array.from(byName.f!.data as Float32Array)).toEqual([0.5, -1.5, 3, Math.fround(1e-8)]);
    expect(byName.f!.dims).toEqual([2, 2]);
    expect(Array.from(byName.i8!.data as Int8Array)).toEqual([-128, 0, 127]);
    expect(Array.from(byName.u8!.data as Uint8Array)).toEqual([0, 255]);
    expect(Array.from(byName.i64!.data as BigInt64Array)).toEqual([-1n, 0n, 2n ** 40n]);
    expect(m.graph.inputs).toEqual([{ name: 'q', type: 'uint8', dims: ['n', 5] }]);
    expect(m.graph.docString).toBe('doc');
    const node = m.graph.nodes[0]!;
    expect(node.opType).toBe('Identity');
    expect(node.attributes.axes).toEqual({ kind: 'ints', value: [-1, 2] });
    expect(node.attributes.name).toEqual({ kind: 'string', value: 'x' });
    expect(node.attributes.scale).toEqual({ kind: 'floats', value: [0.5, 2] });
  });

  it('is byte-for-byte deterministic', () => {
    const make = () => {
      const g = new GraphBuilder('d');
      g.input('x', 'float32', [1]);
      g.initializer('c', 'float32', [1], [2]);
      g.node('Mul', ['x', 'c'], ['y']);
      g.output('y', 'float32', [1]);
      return encodeModel({ graph: g.build(), opsetVersion: 17, metadata: { a: '1', b: '2' } });
    };
    expect(Buffer.from(make()).equals(Buffer.from(make()))).toBe(true);
  });

  it('rejects ambiguous attributes and wrong tensor sizes', () => {
    const g = new GraphBuilder('bad');
    expect(() => g.node('LeakyRelu', ['x'], ['y'], { alpha: 0.1 })).toThrow(/attr.float/);
    expect(() => g.initializer('w', 'float32', [2, 2], [1, 2, 3])).toThrow(RangeError);
  });

  it('throws on truncated bytes instead of returning garbage', () => {
    const g = new GraphBuilder('t');
    g.input('x', 'float32', [1]);
    g.initializer('c', 'float32', [64], new Float32Array(64));
    g.node('Identity', ['x'], ['y']);
    g.output('y', 'float32', [1]);
    const bytes = encodeModel({ graph: g.build(), opsetVersion: 17 });
    expect(() => decodeModel(bytes.subarray(0, bytes.length - 40))).toThrow();
  });
});
