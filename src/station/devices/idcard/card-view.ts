import { maskAddress, maskIdNumber } from '../../../domain/masking';
import { looksLikeWlt } from './photo';
import type { CardRead } from './reader';
import type { CardHolder } from './text-block';

export interface CardView extends Omit<CardHolder, 'idNumber' | 'address'> {
  idNumber: string;
  address?: string;
  masked: boolean;
  photo: { bytes: number; format: 'WLT' | 'unknown'; decoded: boolean; base64?: string };
}

/**
 * A card read as the installer's CLI and logs show it: ID number and address masked unless `full`,
 * the photo described rather than dumped (its bytes only with `full`).
 */
export function cardView(read: Pick<CardRead, 'holder' | 'photo'> & { photoImage?: Buffer | null }, full: boolean): CardView {
  const { holder, photo } = read;
  const view: CardView = {
    ...holder,
    idNumber: full ? holder.idNumber : maskIdNumber(holder.idNumber),
    masked: !full,
    photo: { bytes: photo.length, format: looksLikeWlt(photo) ? 'WLT' : 'unknown', decoded: Boolean(read.photoImage) },
  };
  if (holder.address !== undefined) view.address = full ? holder.address : maskAddress(holder.address);
  if (full) view.photo.base64 = photo.toString('base64');
  return view;
}
