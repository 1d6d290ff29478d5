import { describe, expect, it } from 'vitest';
import {
  classify,
  dayTimeline,
  parseClock,
  parseTimeLog,
  startTimer,
  stopTimer,
  timeTotals,
  timerElapsed,
  type TimeLogConfig,
} from './timelog';

const day = '2026-06-03';

describe('parseClock', () => {
  it.each([
    ['09:10', 550],
    ['9:10', 550],
    ['9.10', 550],
    ['9:10am', 550],
    ['9:10 pm', 1270],
    ['12am', 0],
    ['12:30 p.m.', 750],
    ['9am', 540],
    ['00:00', 0],
  ])('%s → %d', (t, m) => expect(parseClock(t)).toBe(m));
  it('refuses non-times', () => {
    expect(parseClock('25:00')).toBeNull();
    expect(parseClock('9:60')).toBeNull();
    expect(parseClock('13pm')).toBeNull();
    expect(parseClock('10')).toBeNull();
    expect(parseClock('24:00')).toBeNull();
    expect(parseClock('24:00', { allow24: true })).toBe(1440);
  });
});

describe('parseTimeLog', () => {
  it('each start ends the previous block; a time alone ends a block; the last ends at now', () => {
    const text = [
      '- 09:10 reading RailS paper #research',
      '* 10:30 email',
      '11:00',
      '14:05-15:30 meeting #work',
      '16:00 coding the parser',
    ].join('\n');
    const { blocks, errors } = parseTimeLog(text, { day, now: 17 * 60 + 20 });
    expect(errors).toEqual([]);
    expect(blocks.map((b) => [b.start, b.end, b.label, b.category, b.productive])).toEqual([
      [550, 630, 'reading RailS paper', 'research', true],
      [630, 660, 'email', 'work', true],
      [845, 930, 'meeting', 'work', true],
      [960, 1040, 'coding the parser', 'coding', true],
    ]);
    expect(blocks[0]).toMatchObject({ tags: ['research'], line: 1, source: 'log', day });
  });
  it('without now the last block runs to the end of the day', () => {
    const { blocks } = parseTimeLog('22:30 tv', { day });
    expect(blocks).toMatchObject([{ start: 1350, end: 1440, category: 'leisure', productive: false }]);
  });
  it('an explicit range ends an open block before it', () => {
    const { blocks } = parseTimeLog('9am reading\n10:15am-11am call', { day });
    expect(blocks.map((b) => [b.start, b.end])).toEqual([
      [540, 615],
      [615, 660],
    ]);
  });
  it('reports bad, overlapping and out-of-order lines and keeps the rest', () => {
    const text = [
      '09:00 reading',
      '08:30 coffee', // out of order
      '10:00-11:00 meeting',
      '10:30 email', // overlaps the range
      'went for a walk', // no time
      '11:00-10:00 oops', // ends before it starts
      '25:10 nonsense', // not a time
      '12:00 lunch',
      '13:00',
    ].join('\n');
    const { blocks, errors } = parseTimeLog(text, { day });
    expect(blocks.map((b) => [b.start, b.end, b.label])).toEqual([
      [540, 600, 'reading'],
      [600, 660, 'meeting'],
      [720, 780, 'lunch'],
    ]);
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [2, 'Out of order: 08:30 comes before the line above'],
      [4, 'Overlaps the block before it, which runs until 11:00'],
      [5, 'Start the line with a time, e.g. "09:10 reading #research"'],
      [6, 'Ends (10:00) before it starts (11:00)'],
      [7, '"25:10" is not a time of day'],
    ]);
  });
  it('an open block starting after now is reported', () => {
    const { blocks, errors } = parseTimeLog('09:00 a\n15:00 later', { day, now: 600 });
    expect(blocks).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 2, message: expect.stringContaining('after now') });
  });
});

describe('classify', () => {
  const config: TimeLogConfig = {
    categories: [
      { id: 'research', productive: true, keywords: ['paper'] },
      { id: 'chores', name: 'Housework', productive: false },
    ],
  };
  it('prefers a configured tag, then the first tag, then keywords, then the default', () => {
    expect(classify('x #foo #housework', config)).toMatchObject({ category: 'chores', productive: false, label: 'x' });
    expect(classify('x #side-project', config)).toMatchObject({ category: 'side-project', productive: false });
    expect(classify('Reading a Paper', config)).toMatchObject({ category: 'research', productive: true });
    expect(classify('nap', config)).toMatchObject({ category: 'other', productive: false });
  });
});

describe('timer', () => {
  it('runs one at a time and splits at midnight', () => {
    let t = startTimer({ running: null }, 'reading #research', '2026-06-03T23:30');
    expect(t.stopped).toEqual([]);
    expect(timerElapsed(t.state, '2026-06-04T00:15')).toBe(45);
    t = startTimer(t.state, 'sleep', '2026-06-04T00:45');
    expect(t.stopped).toMatchObject([
      { day: '2026-06-03', start: 1410, end: 1440, category: 'research', source: 'timer' },
      { day: '2026-06-04', start: 0, end: 45, category: 'research' },
    ]);
    expect(t.state.running).toMatchObject({ label: 'sleep', startedAt: '2026-06-04T00:45' });
    const s = stopTimer(t.state, '2026-06-04T00:45');
    expect(s.stopped).toEqual([]);
    expect(s.state.running).toBeNull();
  });
});

describe('timeline and totals', () => {
  it('shows gaps and sums per category, productive versus not', () => {
    const { blocks } = parseTimeLog('09:00 reading #research\n10:00\n10:30 lunch\n11:00 coding', { day, now: 720 });
    const tl = dayTimeline(blocks, day, { dayStart: 480, dayEnd: 780 });
    expect(tl.map((s) => [s.kind, s.start, s.end])).toEqual([
      ['gap', 480, 540],
      ['block', 540, 600],
      ['gap', 600, 630],
      ['block', 630, 660],
      ['block', 660, 720],
      ['gap', 720, 780],
    ]);
    const totals = timeTotals(blocks);
    expect(totals).toMatchObject({ total: 150, productive: 120, unproductive: 30 });
    expect(totals.byCategory.map((c) => [c.category, c.minutes])).toEqual([
      ['coding', 60],
      ['research', 60],
      ['break', 30],
    ]);
  });
});
