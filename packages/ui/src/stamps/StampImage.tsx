import type { StampImageDto } from '@folio/core/contract';
import { useApi } from '../api/ApiContext';
import './stamps.css';

/** A stamp's 88×31 picture, drawn crisp at `scale` (pixel art stays pixel art). */
export function StampImage({ image, scale = 2, locked = false }: { image: StampImageDto; scale?: number; locked?: boolean }) {
  const api = useApi();
  const src = image.dataUrl ?? (image.blob ? api.blobUrl(image.blob) : '');
  return (
    <img
      className={`stamp-img${locked ? ' locked' : ''}${image.blob ? ' custom' : ''}`}
      src={src}
      width={88 * scale}
      height={31 * scale}
      alt={image.alt}
      draggable={false}
    />
  );
}
