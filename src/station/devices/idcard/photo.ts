/**
 * The card photo is 1024 bytes of WLT wavelet data (102×126 once decoded) that only licensed vendor
 * libraries can decode. The station keeps the bytes opaque and asks a decoder plug-in for an image;
 * a station without the licensed library uses NoPhotoDecoder and shows no photo.
 */
export const PHOTO_BYTES = 1024;
export const WLT_MAGIC = Buffer.from([0x57, 0x4c, 0x66, 0x00]);

export interface PhotoDecoder {
  /** An image (BMP/PNG bytes) of the card photo, or null when this decoder cannot decode it. */
  decode(wlt: Buffer): Promise<Buffer | null>;
}

export class NoPhotoDecoder implements PhotoDecoder {
  async decode(_wlt: Buffer): Promise<Buffer | null> {
    return null;
  }
}

/** True when the bytes start like WLT photo data. */
export const looksLikeWlt = (photo: Buffer): boolean => photo.length >= WLT_MAGIC.length && photo.subarray(0, WLT_MAGIC.length).equals(WLT_MAGIC);
