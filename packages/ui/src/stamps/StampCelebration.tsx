import { useCallback, useEffect, useRef, useState } from 'react';
import type { Events } from '@folio/core/contract';
import { useApi, useEvent } from '../api/ApiContext';
import { href } from '../shell/router';
import { StampImage } from './StampImage';
import './stamps.css';

type Earned = Events['stamps:earned'];

const PIECES = 18;

/**
 * A small celebration when a stamp is earned: the badge pops in with a burst of confetti (none when
 * the user prefers reduced motion), then fades. Stamps earned while nobody was looking (by the CLI,
 * in another window) are celebrated on the next visit, once.
 */
export function StampCelebration() {
  const api = useApi();
  const [queue, setQueue] = useState<Earned[]>([]);
  const shown = useRef(new Set<string>());
  const current = queue[0];

  const push = useCallback((e: Earned) => {
    if (shown.current.has(e.stamp.id)) return;
    shown.current.add(e.stamp.id);
    setQueue((q) => [...q, e]);
  }, []);

  useEvent('stamps:earned', push);

  useEffect(() => {
    let live = true;
    api.call('stamps:list', {}).then(
      (list) => {
        if (!live) return;
        for (const s of list.filter((x) => x.unseen).slice(0, 3)) {
          push({
            stamp: { id: s.id, name: s.name, description: s.description, image: s.image },
            earnedAt: s.earnedAt!,
            evidence: s.evidence,
            evidenceText: s.evidenceText,
          });
        }
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, push]);

  useEffect(() => {
    if (!current) return;
    void api.call('stamps:seen', { ids: [current.stamp.id] }).catch(() => undefined);
    const t = setTimeout(() => setQueue((q) => q.slice(1)), 6000);
    return () => clearTimeout(t);
  }, [api, current]);

  if (!current) return null;
  return (
    <div className="celebration" role="status" aria-live="polite" data-testid="stamp-celebration">
      <div className="confetti" aria-hidden>
        {Array.from({ length: PIECES }, (_, i) => (
          <span key={i} style={{ ['--i' as string]: i, ['--hue' as string]: (i * 47) % 360 }} />
        ))}
      </div>
      <StampImage image={current.stamp.image} scale={2} />
      <div className="celebration-text">
        <strong>Stamp earned: {current.stamp.name}</strong>
        <span className="faint">{current.evidenceText || current.stamp.description}</span>
        <a href={href(`/stamps?open=${encodeURIComponent(current.stamp.id)}`)}>See the collection</a>
      </div>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setQueue((q) => q.slice(1))}>
        ×
      </button>
    </div>
  );
}
