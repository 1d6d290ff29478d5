// The jobs a worker thread can run: CPU-heavy work (PDF text extraction, model training) that must
// never block the backend's event loop. Each domain registers its job functions here.
import { papersJobs } from '@folio/core/papers/jobs';

export type JobFn = (payload: unknown, progress: (done: number, total: number) => void) => Promise<unknown>;

export const JOBS: Record<string, JobFn> = {
  /** A job that proves the plumbing: sums 0..n-1, reporting progress. */
  async 'system:selftest'(payload, progress) {
    const n = Number((payload as { n?: number }).n ?? 1000);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      sum += i;
      if (i % 1000 === 0) progress(i, n);
    }
    progress(n, n);
    return { sum };
  },
  /** `papers:inspect` (metadata, page count, text layer) and `papers:extract-text` (a range of pages), by file path. */
  ...papersJobs,
};
