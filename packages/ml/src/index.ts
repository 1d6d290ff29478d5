// @folio/ml public API. Model file locations are always passed in by the caller.

// ONNX model writer/reader used by the in-project model builds.
export * from './onnx/index';

// Sentence embedder (SIF-weighted GloVe + character n-grams), in-thread or in worker threads.
export * from './embed/index';
