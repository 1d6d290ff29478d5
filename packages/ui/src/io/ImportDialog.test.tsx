import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FolioApi, ImportPlanDto, ImportResultDto } from '@folio/core/contract';
import { ApiProvider } from '../api/ApiContext';
import { ToastProvider } from '../shell/Toasts';
import { ImportDialog } from './ImportDialog';
import { describePicked, fromFileList } from './pick-files';

afterEach(cleanup);

function file(relPath: string, text: string): File {
  const f = new File([text], relPath.slice(relPath.lastIndexOf('/') + 1), {
    type: 'text/plain',
    lastModified: 1_700_000_000_000,
  });
  Object.defineProperty(f, 'webkitRelativePath', { value: relPath });
  return f;
}

const counts = {
  files: 4,
  byFormat: { markdown: 2, 'hexo-diary': 0, microblog: 0, text: 0 },
  byKind: { daily: 1, post: 1 },
  entries: 2,
  create: 1,
  update: 0,
  unchanged: 1,
  skip: 0,
  skippedFiles: 1,
  attachments: 1,
  missingAttachments: 0,
  mojibakeRepaired: 0,
  preambles: 0,
  unmarkedPosts: 0,
};

function fakeApi(over: { unmarkedPosts?: number } = {}) {
  const calls: { name: string; payload: Record<string, unknown> }[] = [];
  const uploads: string[] = [];
  const unmarked = over.unmarkedPosts ? { unmarkedPost: true } : {};
  const plan: ImportPlanDto = {
    counts: { ...counts, ...over },
    entries: [
      {
        sourceKey: 'vault/a.md',
        sourcePath: 'vault/a.md',
        sourceLine: 1,
        format: 'markdown',
        kind: 'post',
        date: '2025-01-02',
        title: 'Alpha',
        tags: [],
        links: [],
        attachments: ['vault/img.png'],
        words: 3,
        action: 'create',
        ...unmarked,
      },
      {
        sourceKey: 'vault/2025-01-01.md',
        sourcePath: 'vault/2025-01-01.md',
        sourceLine: 1,
        format: 'markdown',
        kind: 'daily',
        date: '2025-01-01',
        title: '2025-01-01',
        tags: [],
        links: [],
        attachments: [],
        words: 2,
        action: 'unchanged',
        entryId: 'e1',
      },
    ],
    issues: [{ path: 'vault/broken.md', line: 2, reason: 'front matter is not valid YAML', severity: 'error' }],
    attachmentsNeeded: [{ path: 'vault/img.png', size: 3, uploaded: false }],
  };
  const result: ImportResultDto = {
    created: 1,
    updated: 0,
    unchanged: 1,
    skipped: 0,
    failedFiles: 0,
    entries: [
      {
        id: 'n1',
        sourceKey: 'vault/a.md',
        sourcePath: 'vault/a.md',
        title: 'Alpha',
        date: '2025-01-02',
        kind: 'post',
        action: 'created',
      },
      {
        id: 'e1',
        sourceKey: 'vault/2025-01-01.md',
        sourcePath: 'vault/2025-01-01.md',
        title: '2025-01-01',
        date: '2025-01-01',
        kind: 'daily',
        action: 'unchanged',
      },
    ],
    issues: plan.issues,
    counts,
    attachmentsStored: 1,
    durationMs: 5,
  };
  const api = {
    transport: 'memory',
    call: vi.fn(async (name: string, payload: Record<string, unknown>) => {
      calls.push({ name, payload });
      if (name === 'io:import-plan') return plan;
      if (name === 'io:import') return result;
      return null;
    }),
    on: () => ({ dispose() {} }),
    blobUrl: (s: string) => `/blobs/${s}`,
    upload: vi.fn(async (data: Blob) => {
      const name = (data as File).name;
      uploads.push(name);
      return {
        sha256: name
          .padEnd(64, '0')
          .replace(/[^0-9a-f]/g, 'a')
          .slice(0, 64),
        sizeBytes: data.size,
        mime: 'text/plain',
      };
    }),
  } as unknown as FolioApi;
  return { api, calls, uploads };
}

describe('picking files', () => {
  it('keeps the folder name in the path and leaves hidden and tool folders out', () => {
    const picked = fromFileList([
      file('vault/a.md', 'x'),
      file('vault/.obsidian/app.json', '{}'),
      file('vault/node_modules/x.md', 'x'),
      file('vault/img.png', 'p'),
    ]);
    expect(picked.map((p) => p.relPath)).toEqual(['vault/a.md', 'vault/img.png']);
    expect(describePicked(picked)).toBe('vault (2 files)');
  });
});

describe('ImportDialog', () => {
  it('uploads notes only, previews, then uploads the attachments the notes use and imports', async () => {
    const { api, calls, uploads } = fakeApi();
    const onClose = vi.fn();
    render(
      <ApiProvider api={api}>
        <ToastProvider>
          <ImportDialog open onClose={onClose} />
        </ToastProvider>
      </ApiProvider>,
    );
    const input = screen.getByTestId('import-folder');
    fireEvent.change(input, {
      target: {
        files: [
          file('vault/a.md', '# A'),
          file('vault/2025-01-01.md', 'day'),
          file('vault/broken.md', '---\nx: [\n---'),
          file('vault/img.png', 'png'),
          file('vault/movie.mkv', 'big'),
        ],
      },
    });
    await screen.findByText('Alpha');
    expect(uploads.sort()).toEqual(['2025-01-01.md', 'a.md', 'broken.md']);
    const planCall = calls.find((c) => c.name === 'io:import-plan')!;
    const sent = planCall.payload.files as { relPath: string; sha256?: string; size?: number }[];
    expect(sent.find((f) => f.relPath === 'vault/img.png')).toEqual({
      relPath: 'vault/img.png',
      size: 3,
      mtimeMs: 1_700_000_000_000,
    });
    expect(sent.find((f) => f.relPath === 'vault/a.md')?.sha256).toMatch(/^[0-9a-f]{64}$/);

    // The preview: counts, entries with actions, issues with reasons.
    expect(screen.getByText('vault (5 files)')).toBeTruthy();
    const table = screen.getByRole('table');
    expect(within(table).getByText('New')).toBeTruthy();
    expect(within(table).getByText('Unchanged')).toBeTruthy();
    expect(screen.getByText('front matter is not valid YAML')).toBeTruthy();
    expect(screen.getByText('vault/broken.md:2')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Import 1 entry' }));
    await screen.findByText(/Imported:/);
    expect(uploads).toContain('img.png');
    expect(uploads).not.toContain('movie.mkv');
    const importCall = calls.find((c) => c.name === 'io:import')!;
    expect(
      (importCall.payload.files as { relPath: string; sha256?: string }[]).find((f) => f.relPath === 'vault/img.png')?.sha256,
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(onClose).toHaveBeenCalled();
  });

  it('previews a server-side folder by path without uploading anything', async () => {
    const { api, calls, uploads } = fakeApi();
    render(
      <ApiProvider api={api}>
        <ToastProvider>
          <ImportDialog open onClose={() => {}} />
        </ToastProvider>
      </ApiProvider>,
    );
    fireEvent.change(screen.getByLabelText(/Or a folder on the computer/), { target: { value: '/home/me/vault' } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await screen.findByText('Alpha');
    expect(calls[0]).toEqual({
      name: 'io:import-plan',
      payload: { paths: ['/home/me/vault'], onExisting: 'update', publicPosts: false },
    });
    expect(uploads).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Import 1 entry' }));
    await waitFor(() => expect(calls.some((c) => c.name === 'io:import')).toBe(true));
    expect(calls.find((c) => c.name === 'io:import')!.payload).toEqual({
      paths: ['/home/me/vault'],
      onExisting: 'update',
      publicPosts: false,
    });
  });

  it('imports unmarked blog posts private unless “Mark these N posts public” is ticked', async () => {
    const { api, calls } = fakeApi({ unmarkedPosts: 2 });
    render(
      <ApiProvider api={api}>
        <ToastProvider>
          <ImportDialog open onClose={() => {}} />
        </ToastProvider>
      </ApiProvider>,
    );
    fireEvent.change(screen.getByLabelText(/Or a folder on the computer/), { target: { value: '/home/me/blog.txt' } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await screen.findByText('Alpha');
    expect(within(screen.getByRole('table')).getByText('Private (not marked)')).toBeTruthy();
    const box = screen.getByRole('checkbox', { name: /Mark these 2 posts public/ });
    expect((box as HTMLInputElement).checked).toBe(false);
    fireEvent.click(box);
    // The preview is planned again with the posts public (what counts as changed depends on it).
    await waitFor(() =>
      expect(calls.filter((c) => c.name === 'io:import-plan').at(-1)!.payload).toEqual({
        paths: ['/home/me/blog.txt'],
        onExisting: 'update',
        publicPosts: true,
      }),
    );
    await waitFor(() =>
      expect((screen.getByRole('checkbox', { name: /Mark these 2 posts public/ }) as HTMLInputElement).checked).toBe(true),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Import 1 entry' }));
    await waitFor(() => expect(calls.some((c) => c.name === 'io:import')).toBe(true));
    expect(calls.find((c) => c.name === 'io:import')!.payload).toEqual({
      paths: ['/home/me/blog.txt'],
      onExisting: 'update',
      publicPosts: true,
    });
  });
});
