import CRC32 from 'crc-32';
import type { ChipArtifact, ChipChecksums } from './chip-artifact';

/** CRC-32 (IEEE) of bytes, or of a string's UTF-8 bytes, as 8 lower-case hex digits. */
export function crc32Hex(data: Uint8Array | string): string {
  const value = typeof data === 'string' ? CRC32.str(data) : CRC32.buf(data);
  return (value >>> 0).toString(16).padStart(8, '0');
}

/**
 * The checksums of an artifact: the tfjs weights (bytes), the model (topology and weight specs as JSON) and the chip
 * state (format, version and every crossbar, calibration and setting as JSON). JSON text is canonical here: it is
 * `JSON.stringify` of parsed values, which a parse → stringify round trip reproduces exactly, so any change of a value
 * (or a single flipped byte of a saved file) changes a checksum. CRC-32 detects every error within 32 consecutive bits.
 */
export function chipChecksums(artifact: Omit<ChipArtifact, 'checksums'>): ChipChecksums {
  return {
    weights: crc32Hex(new Uint8Array(artifact.weightData)),
    model: crc32Hex(JSON.stringify([artifact.modelTopology, artifact.weightSpecs])),
    chip: crc32Hex(JSON.stringify([artifact.format, artifact.version, artifact.chip])),
  };
}
