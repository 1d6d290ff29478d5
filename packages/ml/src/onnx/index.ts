export { GraphBuilder, attr, tensor, encodeModel, decodeModel, readModelMetadata, DATA_TYPE_CODE } from './model';
export type {
  Attribute,
  AttributeInput,
  DecodedModel,
  Dim,
  Graph,
  ModelSpec,
  Node,
  Tensor,
  TensorData,
  TensorDataType,
  ValueInfo,
} from './model';
