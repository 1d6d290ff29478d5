/**
 * Minimal protobuf wire-format writer/reader, just enough for ONNX ModelProto.
 * Hand-rolled rather than protobufjs so the encoder has no schema to load and its byte
 * output is fully determined by this file (the model build must be reproducible).
 */

const WIRE_VARINT = 0;
const WIRE_I64 = 1;
const WIRE_LEN = 2;
const WIRE_I32 = 5;

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder('utf-8', { fatal: false });

/** Append-only byte buffer with protobuf field helpers. */
export class ProtoWriter {
  private buf = new Uint8Array(256);
  private len = 0;

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + extra) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** Unsigned or two's-complement 64-bit varint (negative numbers take 10 bytes, as protobuf int64 requires). */
  varint(value: number | bigint): this {
    let v: bigint;
    if (typeof value === 'number') {
      if (!Number.isInteger(value)) throw new RangeError(`varint needs an integer, got ${value}`);
      if (value >= 0 && value <= 0xffffffff) {
        // fast path for the common small non-negative case
        let n = value;
        this.ensure(5);
        while (n > 0x7f) {
          this.buf[this.len++] = (n & 0x7f) | 0x80;
          n = Math.floor(n / 128);
        }
        this.buf[this.len++] = n;
        return this;
      }
      v = BigInt(value);
    } else {
      v = value;
    }
    v = BigInt.asUintN(64, v);
    this.ensure(10);
    while (v > 0x7fn) {
      this.buf[this.len++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.len++] = Number(v);
    return this;
  }

  private tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  bytes(data: Uint8Array): this {
    this.ensure(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
    return this;
  }

  fieldVarint(field: number, value: number | bigint): this {
    this.tag(field, WIRE_VARINT);
    return this.varint(value);
  }

  fieldFloat(field: number, value: number): this {
    this.tag(field, WIRE_I32);
    this.ensure(4);
    new DataView(this.buf.buffer, this.buf.byteOffset).setFloat32(this.len, value, true);
    this.len += 4;
    return this;
  }

  fieldBytes(field: number, data: Uint8Array): this {
    this.tag(field, WIRE_LEN);
    this.varint(data.length);
    return this.bytes(data);
  }

  fieldString(field: number, value: string): this {
    return this.fieldBytes(field, textEncoder.encode(value));
  }

  /** Embedded message: the callback writes the sub-message into a fresh writer. */
  fieldMessage(field: number, write: (w: ProtoWriter) => void): this {
    const sub = new ProtoWriter();
    write(sub);
    return this.fieldBytes(field, sub.finish());
  }

  /** Packed repeated varints (int64/int32). */
  fieldPackedVarints(field: number, values: readonly (number | bigint)[]): this {
    const sub = new ProtoWriter();
    for (const v of values) sub.varint(v);
    return this.fieldBytes(field, sub.finish());
  }

  /** Packed repeated float32. */
  fieldPackedFloats(field: number, values: readonly number[]): this {
    const data = new Uint8Array(values.length * 4);
    const view = new DataView(data.buffer);
    values.forEach((v, i) => view.setFloat32(i * 4, v, true));
    return this.fieldBytes(field, data);
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

export interface ProtoField {
  field: number;
  wire: number;
  /** varint value (as bigint to keep 64-bit precision) */
  varint?: bigint;
  /** length-delimited payload, or the 4/8 raw bytes of a fixed field */
  bytes?: Uint8Array;
}

/** Parse one message level into its fields (in order). Throws on malformed input. */
export function readFields(data: Uint8Array): ProtoField[] {
  const out: ProtoField[] = [];
  let pos = 0;
  const readVarint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= data.length) throw new Error('protobuf: truncated varint');
      const b = data[pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 63n) throw new Error('protobuf: varint too long');
    }
  };
  while (pos < data.length) {
    const key = Number(readVarint());
    const field = key >>> 3;
    const wire = key & 7;
    if (field === 0) throw new Error('protobuf: field number 0');
    if (wire === WIRE_VARINT) {
      out.push({ field, wire, varint: readVarint() });
    } else if (wire === WIRE_LEN) {
      const n = Number(readVarint());
      if (pos + n > data.length) throw new Error('protobuf: truncated length-delimited field');
      out.push({ field, wire, bytes: data.subarray(pos, pos + n) });
      pos += n;
    } else if (wire === WIRE_I32 || wire === WIRE_I64) {
      const n = wire === WIRE_I32 ? 4 : 8;
      if (pos + n > data.length) throw new Error('protobuf: truncated fixed field');
      out.push({ field, wire, bytes: data.subarray(pos, pos + n) });
      pos += n;
    } else {
      throw new Error(`protobuf: unsupported wire type ${wire}`);
    }
  }
  return out;
}

export function decodeString(bytes: Uint8Array | undefined): string {
  return bytes ? textDecoder.decode(bytes) : '';
}

/** Repeated varints may arrive packed (LEN) or one per field (VARINT); accept both. */
export function collectVarints(fields: ProtoField[], field: number): bigint[] {
  const out: bigint[] = [];
  for (const f of fields) {
    if (f.field !== field) continue;
    if (f.varint !== undefined) out.push(f.varint);
    else if (f.bytes && f.wire === WIRE_LEN) {
      for (const g of readPackedVarints(f.bytes)) out.push(g);
    }
  }
  return out;
}

function readPackedVarints(bytes: Uint8Array): bigint[] {
  const out: bigint[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= bytes.length) throw new Error('protobuf: truncated packed varint');
      const b = bytes[pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) break;
      shift += 7n;
    }
    out.push(result);
  }
  return out;
}

/** Repeated float32 either packed or one fixed32 per field. */
export function collectFloats(fields: ProtoField[], field: number): number[] {
  const out: number[] = [];
  for (const f of fields) {
    if (f.field !== field || !f.bytes) continue;
    const view = new DataView(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength);
    for (let i = 0; i + 4 <= f.bytes.byteLength; i += 4) out.push(view.getFloat32(i, true));
  }
  return out;
}

/** Interpret an unsigned 64-bit varint as signed int64. */
export function toSigned(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}
