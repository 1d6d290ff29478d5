/**
 * ONNX ModelProto encoder/decoder for Folio's in-project models (no Python, no protobuf schema).
 *
 * Stable API (the spam classifier and the embedder build both depend on it):
 *
 *   const g = new GraphBuilder('my_graph');
 *   g.input('x', 'float32', ['batch', 4]);            // string dims are symbolic (dim_param)
 *   g.initializer('W', 'float32', [4, 1], new Float32Array([...]));
 *   g.node('MatMul', ['x', 'W'], ['xw']);
 *   g.node('ReduceSum', ['t', 'axes'], ['s'], { keepdims: 0 });   // integer -> INT attribute
 *   g.node('LeakyRelu', ['s'], ['y'], { alpha: attr.float(0.1) }); // floats must be explicit
 *   g.output('y', 'float32', ['batch', 1]);
 *   const bytes = encodeModel({ graph: g.build(), opsetVersion: 17, producerName: 'folio',
 *                               metadata: { 'folio.version': '1' } });
 *   const back = decodeModel(bytes); // { metadata, graph: { initializers, nodes, inputs, outputs }, ... }
 *
 * Attribute shortcuts: integer -> INT, integer[] -> INTS, string -> STRING; use attr.float / attr.floats /
 * attr.ints / attr.tensor / attr.strings when the type is ambiguous. All tensors are written as
 * little-endian raw_data. Encoding is byte-for-byte deterministic for the same input (initializers and
 * metadata are written in insertion order), so model builds can be checksummed.
 */
import { ProtoWriter, collectFloats, collectVarints, decodeString, readFields, toSigned, type ProtoField } from './wire';

export type TensorDataType = 'float32' | 'uint8' | 'int8' | 'int32' | 'int64' | 'bool' | 'float64';

/** ONNX TensorProto.DataType codes. */
export const DATA_TYPE_CODE: Record<TensorDataType, number> = {
  float32: 1,
  uint8: 2,
  int8: 3,
  int32: 6,
  int64: 7,
  bool: 9,
  float64: 11,
};
const CODE_TO_TYPE = new Map<number, TensorDataType>(Object.entries(DATA_TYPE_CODE).map(([k, v]) => [v, k as TensorDataType]));

export type TensorData = Float32Array | Float64Array | Int8Array | Uint8Array | Int32Array | BigInt64Array;

export interface Tensor {
  name: string;
  type: TensorDataType;
  dims: number[];
  data: TensorData;
}

export type Dim = number | string;

export interface ValueInfo {
  name: string;
  type: TensorDataType;
  /** numbers are fixed sizes, strings symbolic (e.g. 'batch'); undefined means unknown rank */
  dims?: Dim[];
}

export type Attribute =
  | { kind: 'float'; value: number }
  | { kind: 'int'; value: number | bigint }
  | { kind: 'string'; value: string }
  | { kind: 'tensor'; value: Tensor }
  | { kind: 'floats'; value: number[] }
  | { kind: 'ints'; value: (number | bigint)[] }
  | { kind: 'strings'; value: string[] };

export type AttributeInput = Attribute | number | number[] | string;

/** Explicit attribute constructors for when the shortcut would be ambiguous. */
export const attr = {
  float: (value: number): Attribute => ({ kind: 'float', value }),
  int: (value: number | bigint): Attribute => ({ kind: 'int', value }),
  string: (value: string): Attribute => ({ kind: 'string', value }),
  tensor: (value: Tensor): Attribute => ({ kind: 'tensor', value }),
  floats: (value: number[]): Attribute => ({ kind: 'floats', value }),
  ints: (value: (number | bigint)[]): Attribute => ({ kind: 'ints', value }),
  strings: (value: string[]): Attribute => ({ kind: 'strings', value }),
};

export interface Node {
  opType: string;
  inputs: string[];
  outputs: string[];
  name: string;
  domain?: string;
  attributes: Record<string, Attribute>;
}

export interface Graph {
  name: string;
  nodes: Node[];
  initializers: Tensor[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  docString?: string;
}

export interface ModelSpec {
  graph: Graph;
  /** default-domain opset version (e.g. 17) */
  opsetVersion: number;
  /** extra opsets, e.g. [{ domain: 'com.microsoft', version: 1 }] */
  extraOpsets?: { domain: string; version: number }[];
  /** ONNX IR version; 8 pairs with opsets up to 18 */
  irVersion?: number;
  producerName?: string;
  producerVersion?: string;
  domain?: string;
  modelVersion?: number;
  docString?: string;
  /** metadata_props, written in key insertion order */
  metadata?: Record<string, string>;
}

function normaliseAttribute(name: string, a: AttributeInput): Attribute {
  if (typeof a === 'string') return { kind: 'string', value: a };
  if (typeof a === 'number') {
    if (!Number.isInteger(a)) throw new TypeError(`attribute ${name}: non-integer ${a} needs attr.float()`);
    return { kind: 'int', value: a };
  }
  if (Array.isArray(a)) {
    if (!a.every(Number.isInteger)) throw new TypeError(`attribute ${name}: non-integer list needs attr.floats()`);
    return { kind: 'ints', value: a };
  }
  return a;
}

function elementCount(dims: number[]): number {
  return dims.reduce((p, d) => p * d, 1);
}

const TYPED_ARRAY_FOR: Record<TensorDataType, (buf: ArrayBuffer, n: number) => TensorData> = {
  float32: (b, n) => new Float32Array(b, 0, n),
  float64: (b, n) => new Float64Array(b, 0, n),
  uint8: (b, n) => new Uint8Array(b, 0, n),
  bool: (b, n) => new Uint8Array(b, 0, n),
  int8: (b, n) => new Int8Array(b, 0, n),
  int32: (b, n) => new Int32Array(b, 0, n),
  int64: (b, n) => new BigInt64Array(b, 0, n),
};
const BYTES_PER: Record<TensorDataType, number> = {
  float32: 4,
  float64: 8,
  uint8: 1,
  bool: 1,
  int8: 1,
  int32: 4,
  int64: 8,
};

/** Build a tensor, accepting plain number arrays for convenience. */
export function tensor(name: string, type: TensorDataType, dims: number[], data: TensorData | readonly number[]): Tensor {
  const n = elementCount(dims);
  let typed: TensorData;
  if (Array.isArray(data) || !ArrayBuffer.isView(data)) {
    const arr = data as readonly number[];
    if (arr.length !== n) throw new RangeError(`tensor ${name}: ${arr.length} values for dims [${dims}]`);
    const buf = new ArrayBuffer(n * BYTES_PER[type]);
    typed = TYPED_ARRAY_FOR[type](buf, n);
    if (typed instanceof BigInt64Array) arr.forEach((v, i) => ((typed as BigInt64Array)[i] = BigInt(v)));
    else (typed as Exclude<TensorData, BigInt64Array>).set(arr as number[]);
  } else {
    typed = data as TensorData;
    if (typed.length !== n) throw new RangeError(`tensor ${name}: ${typed.length} values for dims [${dims}]`);
  }
  return { name, type, dims: [...dims], data: typed };
}

/** Little-endian bytes of a typed array (all supported platforms are little-endian, but be explicit). */
function rawBytes(t: Tensor): Uint8Array {
  const d = t.data;
  const isLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  if (isLE || d.BYTES_PER_ELEMENT === 1) return new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
  const out = new Uint8Array(d.byteLength);
  const view = new DataView(out.buffer);
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (d instanceof Float32Array) view.setFloat32(i * 4, v as number, true);
    else if (d instanceof Float64Array) view.setFloat64(i * 8, v as number, true);
    else if (d instanceof Int32Array) view.setInt32(i * 4, v as number, true);
    else if (d instanceof BigInt64Array) view.setBigInt64(i * 8, v as bigint, true);
  }
  return out;
}

/** Mutable graph under construction; `build()` returns a plain Graph for encodeModel. */
export class GraphBuilder {
  private readonly graph: Graph;
  private counter = 0;

  constructor(name: string, docString?: string) {
    this.graph = { name, nodes: [], initializers: [], inputs: [], outputs: [], ...(docString ? { docString } : {}) };
  }

  input(name: string, type: TensorDataType, dims?: Dim[]): string {
    this.graph.inputs.push({ name, type, ...(dims ? { dims } : {}) });
    return name;
  }

  output(name: string, type: TensorDataType, dims?: Dim[]): string {
    this.graph.outputs.push({ name, type, ...(dims ? { dims } : {}) });
    return name;
  }

  /** Add a constant tensor; returns its name for use as a node input. */
  initializer(name: string, type: TensorDataType, dims: number[], data: TensorData | readonly number[]): string {
    if (this.graph.initializers.some((t) => t.name === name)) throw new Error(`duplicate initializer ${name}`);
    this.graph.initializers.push(tensor(name, type, dims, data));
    return name;
  }

  /** Add a node; outputs default to one fresh name. Returns the output names. */
  node(
    opType: string,
    inputs: string[],
    outputs?: string[],
    attributes: Record<string, AttributeInput> = {},
    options: { name?: string; domain?: string } = {},
  ): string[] {
    const id = this.counter++;
    const outs = outputs ?? [`${opType.toLowerCase()}_${id}`];
    const attrs: Record<string, Attribute> = {};
    for (const [k, v] of Object.entries(attributes)) attrs[k] = normaliseAttribute(k, v);
    this.graph.nodes.push({
      opType,
      inputs,
      outputs: outs,
      name: options.name ?? `${opType}_${id}`,
      ...(options.domain ? { domain: options.domain } : {}),
      attributes: attrs,
    });
    return outs;
  }

  build(): Graph {
    return this.graph;
  }
}

// ---------------------------------------------------------------- encoding

function writeTensor(w: ProtoWriter, t: Tensor): void {
  if (t.dims.length > 0) w.fieldPackedVarints(1, t.dims);
  w.fieldVarint(2, DATA_TYPE_CODE[t.type]);
  w.fieldString(8, t.name);
  w.fieldBytes(9, rawBytes(t));
}

function writeValueInfo(w: ProtoWriter, v: ValueInfo): void {
  w.fieldString(1, v.name);
  w.fieldMessage(2, (tp) =>
    tp.fieldMessage(1, (tt) => {
      tt.fieldVarint(1, DATA_TYPE_CODE[v.type]);
      if (v.dims) {
        const dims = v.dims;
        tt.fieldMessage(2, (shape) => {
          for (const d of dims) {
            shape.fieldMessage(1, (dim) => {
              if (typeof d === 'number') dim.fieldVarint(1, d);
              else dim.fieldString(2, d);
            });
          }
        });
      }
    }),
  );
}

const ATTR_TYPE = { float: 1, int: 2, string: 3, tensor: 4, floats: 6, ints: 7, strings: 8 } as const;

function writeAttribute(w: ProtoWriter, name: string, a: Attribute): void {
  w.fieldString(1, name);
  switch (a.kind) {
    case 'float':
      w.fieldFloat(2, a.value);
      break;
    case 'int':
      w.fieldVarint(3, a.value);
      break;
    case 'string':
      w.fieldString(4, a.value);
      break;
    case 'tensor':
      w.fieldMessage(5, (tw) => writeTensor(tw, a.value));
      break;
    case 'floats':
      w.fieldPackedFloats(7, a.value);
      break;
    case 'ints':
      w.fieldPackedVarints(8, a.value);
      break;
    case 'strings':
      for (const s of a.value) w.fieldString(9, s);
      break;
  }
  w.fieldVarint(20, ATTR_TYPE[a.kind]);
}

function writeNode(w: ProtoWriter, n: Node): void {
  for (const i of n.inputs) w.fieldString(1, i);
  for (const o of n.outputs) w.fieldString(2, o);
  w.fieldString(3, n.name);
  w.fieldString(4, n.opType);
  for (const [k, a] of Object.entries(n.attributes)) w.fieldMessage(5, (aw) => writeAttribute(aw, k, a));
  if (n.domain) w.fieldString(7, n.domain);
}

/** Serialise a model to ONNX protobuf bytes. */
export function encodeModel(spec: ModelSpec): Uint8Array {
  const w = new ProtoWriter();
  w.fieldVarint(1, spec.irVersion ?? 8);
  if (spec.producerName) w.fieldString(2, spec.producerName);
  if (spec.producerVersion) w.fieldString(3, spec.producerVersion);
  if (spec.domain) w.fieldString(4, spec.domain);
  if (spec.modelVersion !== undefined) w.fieldVarint(5, spec.modelVersion);
  if (spec.docString) w.fieldString(6, spec.docString);
  const g = spec.graph;
  w.fieldMessage(7, (gw) => {
    for (const n of g.nodes) gw.fieldMessage(1, (nw) => writeNode(nw, n));
    gw.fieldString(2, g.name);
    for (const t of g.initializers) gw.fieldMessage(5, (tw) => writeTensor(tw, t));
    if (g.docString) gw.fieldString(10, g.docString);
    for (const v of g.inputs) gw.fieldMessage(11, (vw) => writeValueInfo(vw, v));
    for (const v of g.outputs) gw.fieldMessage(12, (vw) => writeValueInfo(vw, v));
  });
  w.fieldMessage(8, (ow) => {
    ow.fieldString(1, '');
    ow.fieldVarint(2, spec.opsetVersion);
  });
  for (const o of spec.extraOpsets ?? []) {
    w.fieldMessage(8, (ow) => {
      ow.fieldString(1, o.domain);
      ow.fieldVarint(2, o.version);
    });
  }
  for (const [key, value] of Object.entries(spec.metadata ?? {})) {
    w.fieldMessage(14, (mw) => {
      mw.fieldString(1, key);
      mw.fieldString(2, value);
    });
  }
  return w.finish();
}

// ---------------------------------------------------------------- decoding

export interface DecodedModel {
  irVersion: number;
  producerName: string;
  producerVersion: string;
  domain: string;
  modelVersion: number;
  docString: string;
  opsets: { domain: string; version: number }[];
  metadata: Record<string, string>;
  graph: Graph;
}

function first(fields: ProtoField[], n: number): ProtoField | undefined {
  return fields.find((f) => f.field === n);
}

function decodeTensor(bytes: Uint8Array): Tensor {
  const f = readFields(bytes);
  const dims = collectVarints(f, 1).map((d) => Number(toSigned(d)));
  const code = Number(first(f, 2)?.varint ?? 0n);
  const type = CODE_TO_TYPE.get(code);
  if (!type) throw new Error(`onnx: unsupported tensor data type ${code}`);
  const name = decodeString(first(f, 8)?.bytes);
  const n = elementCount(dims);
  const raw = first(f, 9)?.bytes;
  let data: TensorData;
  if (raw) {
    if (raw.byteLength !== n * BYTES_PER[type]) {
      throw new Error(`onnx: tensor ${name} has ${raw.byteLength} bytes, expected ${n * BYTES_PER[type]}`);
    }
    const copy = new ArrayBuffer(raw.byteLength); // aligned copy
    new Uint8Array(copy).set(raw);
    data = TYPED_ARRAY_FOR[type](copy, n);
  } else if (type === 'float32') {
    data = new Float32Array(collectFloats(f, 4));
  } else if (type === 'int64') {
    data = new BigInt64Array(collectVarints(f, 7).map(toSigned));
  } else {
    // int32_data carries int32/int8/uint8/bool
    const vals = collectVarints(f, 5).map((v) => Number(BigInt.asIntN(32, v)));
    data = TYPED_ARRAY_FOR[type](new ArrayBuffer(vals.length * BYTES_PER[type]), vals.length);
    (data as Int32Array).set(vals);
  }
  if (data.length !== n) throw new Error(`onnx: tensor ${name} has ${data.length} values for dims [${dims}]`);
  return { name, type, dims, data };
}

function decodeValueInfo(bytes: Uint8Array): ValueInfo {
  const f = readFields(bytes);
  const name = decodeString(first(f, 1)?.bytes);
  const typeProto = first(f, 2)?.bytes;
  let type: TensorDataType = 'float32';
  let dims: Dim[] | undefined;
  if (typeProto) {
    const tensorType = first(readFields(typeProto), 1)?.bytes;
    if (tensorType) {
      const tf = readFields(tensorType);
      type = CODE_TO_TYPE.get(Number(first(tf, 1)?.varint ?? 1n)) ?? 'float32';
      const shape = first(tf, 2)?.bytes;
      if (shape) {
        dims = readFields(shape)
          .filter((d) => d.field === 1 && d.bytes)
          .map((d) => {
            const df = readFields(d.bytes!);
            const v = first(df, 1)?.varint;
            return v !== undefined ? Number(toSigned(v)) : decodeString(first(df, 2)?.bytes);
          });
      }
    }
  }
  return { name, type, ...(dims ? { dims } : {}) };
}

function decodeAttribute(bytes: Uint8Array): [string, Attribute] {
  const f = readFields(bytes);
  const name = decodeString(first(f, 1)?.bytes);
  const t = Number(first(f, 20)?.varint ?? 0n);
  switch (t) {
    case 1:
      return [name, { kind: 'float', value: collectFloats(f, 2)[0] ?? 0 }];
    case 2: {
      const v = toSigned(first(f, 3)?.varint ?? 0n);
      return [name, { kind: 'int', value: Number.isSafeInteger(Number(v)) ? Number(v) : v }];
    }
    case 3:
      return [name, { kind: 'string', value: decodeString(first(f, 4)?.bytes) }];
    case 4:
      return [name, { kind: 'tensor', value: decodeTensor(first(f, 5)?.bytes ?? new Uint8Array()) }];
    case 6:
      return [name, { kind: 'floats', value: collectFloats(f, 7) }];
    case 7:
      return [name, { kind: 'ints', value: collectVarints(f, 8).map((v) => Number(toSigned(v))) }];
    case 8:
      return [name, { kind: 'strings', value: f.filter((x) => x.field === 9).map((x) => decodeString(x.bytes)) }];
    default:
      throw new Error(`onnx: unsupported attribute type ${t} on ${name}`);
  }
}

function decodeNode(bytes: Uint8Array): Node {
  const f = readFields(bytes);
  const attributes: Record<string, Attribute> = {};
  for (const a of f.filter((x) => x.field === 5)) {
    const [k, v] = decodeAttribute(a.bytes!);
    attributes[k] = v;
  }
  const domain = decodeString(first(f, 7)?.bytes);
  return {
    inputs: f.filter((x) => x.field === 1).map((x) => decodeString(x.bytes)),
    outputs: f.filter((x) => x.field === 2).map((x) => decodeString(x.bytes)),
    name: decodeString(first(f, 3)?.bytes),
    opType: decodeString(first(f, 4)?.bytes),
    ...(domain ? { domain } : {}),
    attributes,
  };
}

/** Parse ONNX bytes back into a Graph with metadata. Throws a plain Error on malformed input. */
export function decodeModel(bytes: Uint8Array): DecodedModel {
  const f = readFields(bytes);
  const graphBytes = first(f, 7)?.bytes;
  if (!graphBytes) throw new Error('onnx: model has no graph');
  const gf = readFields(graphBytes);
  const metadata: Record<string, string> = {};
  for (const m of f.filter((x) => x.field === 14)) {
    const mf = readFields(m.bytes!);
    metadata[decodeString(first(mf, 1)?.bytes)] = decodeString(first(mf, 2)?.bytes);
  }
  const docString = decodeString(first(gf, 10)?.bytes);
  return {
    irVersion: Number(first(f, 1)?.varint ?? 0n),
    producerName: decodeString(first(f, 2)?.bytes),
    producerVersion: decodeString(first(f, 3)?.bytes),
    domain: decodeString(first(f, 4)?.bytes),
    modelVersion: Number(first(f, 5)?.varint ?? 0n),
    docString: decodeString(first(f, 6)?.bytes),
    opsets: f
      .filter((x) => x.field === 8)
      .map((x) => {
        const of = readFields(x.bytes!);
        return { domain: decodeString(first(of, 1)?.bytes), version: Number(first(of, 2)?.varint ?? 0n) };
      }),
    metadata,
    graph: {
      name: decodeString(first(gf, 2)?.bytes),
      nodes: gf.filter((x) => x.field === 1).map((x) => decodeNode(x.bytes!)),
      initializers: gf.filter((x) => x.field === 5).map((x) => decodeTensor(x.bytes!)),
      inputs: gf.filter((x) => x.field === 11).map((x) => decodeValueInfo(x.bytes!)),
      outputs: gf.filter((x) => x.field === 12).map((x) => decodeValueInfo(x.bytes!)),
      ...(docString ? { docString } : {}),
    },
  };
}

/** Read only metadata_props (cheap: skips decoding the graph's tensors). */
export function readModelMetadata(bytes: Uint8Array): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const m of readFields(bytes).filter((x) => x.field === 14)) {
    const mf = readFields(m.bytes!);
    metadata[decodeString(first(mf, 1)?.bytes)] = decodeString(first(mf, 2)?.bytes);
  }
  return metadata;
}
