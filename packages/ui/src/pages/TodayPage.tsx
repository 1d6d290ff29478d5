import { useEffect, useState, type ReactNode } from 'react';
import type { EntryDto } from '@folio/core/contract';
import { useApi } from '../api/ApiContext';
import { EntryView } from '../journal/EntryView';
import { formatLongDate, localOffsetMinutes, localToday } from '../journal/format';
import { MonthCalendar } from '../journal/MonthCalendar';
import { OnThisDay, StreakCard } from '../journal/WritingStats';
import { navigate } from '../shell/router';
import { errorMessage } from '../shell/Toasts';
import type { PageProps } from './registry';

/** Today's daily note, ready to write in (created from the daily template on first open). */
export function TodayPage(_props: PageProps) {
  const api = useApi();
  const [day, setDay] = useState(localToday);
  const [entry, setEntry] = useState<EntryDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  // After midnight, Today is the next day's note.
  useEffect(() => {
    const check = () => setDay((d) => (localToday() !== d ? localToday() : d));
    const timer = setInterval(check, 60_000);
    window.addEventListener('focus', check);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', check);
    };
  }, []);

  // Ask for the note while this page renders, not after it has committed: the request is in flight
  // while React unmounts the previous page and paints this one, which used to come first.
  const [firstRequest] = useState(() => {
    const promise = api.call('journal:today', { date: day, tzOffsetMinutes: localOffsetMinutes() });
    promise.catch(() => {}); // handled by the effect below; never an unhandled rejection meanwhile
    return { api, day, promise };
  });

  useEffect(() => {
    let live = true;
    setError(null);
    const request =
      firstRequest.api === api && firstRequest.day === day
        ? firstRequest.promise
        : api.call('journal:today', { date: day, tzOffsetMinutes: localOffsetMinutes() });
    request.then(
      (e) => live && setEntry(e),
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [api, day, firstRequest]);

  const rail = (
    <AfterFirstPaint>
      <MonthCalendar selected={day} onSelect={(d) => (d === day ? undefined : navigate(`/journal/day/${d}`))} />
      <StreakCard today={day} />
      <OnThisDay date={day} />
    </AfterFirstPaint>
  );

  return (
    <div className="page page-journal page-today">
      {error && (
        <div className="card">
          <h1>Today</h1>
          <p className="field-error">Could not open today’s note: {error}</p>
        </div>
      )}
      {entry && entry.date === day ? (
        <EntryView
          key={entry.id}
          initial={entry}
          rail={rail}
          autoFocus
          eyebrow={
            <div className="today-eyebrow">
              <h1>Today</h1>
              <span>{formatLongDate(day)}</span>
            </div>
          }
        />
      ) : (
        !error && <div className="entry-loading" aria-busy="true" />
      )}
    </div>
  );
}

/**
 * Its children from the frame after the first paint on. The rail (calendar, streak, on this day) then
 * costs the writer nothing: the note is on screen and takes the keyboard first, the rail's space is
 * already reserved (its aside is there, empty) so nothing moves when it fills in.
 */
function AfterFirstPaint({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const show = () => setShown(true);
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A timer set from an animation frame fires after that frame has been painted. A hidden window
    // gets no frames: the fallback timer fills the rail there all the same.
    const frame = requestAnimationFrame(() => (timer = setTimeout(show, 0)));
    const fallback = setTimeout(show, 200);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      clearTimeout(fallback);
    };
  }, []);
  return shown ? children : null;
}
