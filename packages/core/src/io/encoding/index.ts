export { decodeText, binaryReason, type DecodedText, type DecodeOptions, type TextEncodingName } from './decode-text';
export { repairMojibake, hasMojibake, type MojibakeRepair } from './mojibake';
export { decodeCp1252, cp1252ByteOf } from './cp1252';
