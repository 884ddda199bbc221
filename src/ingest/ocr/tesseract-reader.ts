// Plate text with tesseract.js (LSTM, single text line, plate alphabet only). The language
// data is read from the npm package @tesseract.js-data/eng on disk and never cached or
// fetched: langPath is a local folder, cacheMethod 'none'.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { OEM, PSM, createWorker, type Worker } from 'tesseract.js';
import { DEFAULT_PLATE_FORMATS, type PlateFormat } from '../../domain/shared/plate.js';
import { resizeRgb } from '../detect/image-tensor.js';
import { IngestError, type Box, type Frame, type PlateReader, type PlateReading } from '../types.js';
import { PLATE_CHARACTERS, plateReading } from './plate-text.js';

export interface TesseractReaderOptions {
  formats?: readonly PlateFormat[];
  /** Height the crop is scaled to before reading; tesseract likes ~30-40 px capitals. */
  cropHeight?: number;
  margin?: number;
  /** Receives tesseract's own progress/log lines (e.g. where the language data came from). */
  onLog?: (message: string) => void;
}

export function englishDataPath(): string {
  const require = createRequire(import.meta.url);
  try {
    // 4.0.0_best_int is the LSTM-only model, matching OEM.LSTM_ONLY.
    return join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
  } catch {
    throw new IngestError('MODEL_MISSING', 'the npm package @tesseract.js-data/eng is not installed');
  }
}

export class TesseractPlateReader implements PlateReader {
  private constructor(
    private readonly worker: Worker,
    private readonly formats: readonly PlateFormat[],
    private readonly cropHeight: number,
    private readonly margin: number,
  ) {}

  static async create(options: TesseractReaderOptions = {}): Promise<TesseractPlateReader> {
    const onLog = options.onLog;
    const worker = await createWorker('eng', OEM.LSTM_ONLY, {
      langPath: englishDataPath(),
      cacheMethod: 'none',
      gzip: true,
      ...(onLog ? { logger: (m: { status: string }) => onLog(m.status), errorHandler: (e: unknown) => onLog(String(e)) } : {}),
    });
    await worker.setParameters({
      tessedit_pageseg_mode: PSM.SINGLE_LINE,
      tessedit_char_whitelist: PLATE_CHARACTERS,
      // Crops carry no resolution; without one tesseract warns on every call.
      user_defined_dpi: '300',
    });
    return new TesseractPlateReader(worker, options.formats ?? DEFAULT_PLATE_FORMATS, options.cropHeight ?? 64, options.margin ?? 0.12);
  }

  async read(frame: Frame, box: Box): Promise<PlateReading | null> {
    const pad = box.h * this.margin;
    const crop = { x: box.x - pad, y: box.y - pad, w: box.w + 2 * pad, h: box.h + 2 * pad };
    const width = Math.max(16, Math.round((this.cropHeight * crop.w) / Math.max(1, crop.h)));
    const rgb = await resizeRgb(frame, width, this.cropHeight, crop);
    const png = await sharp(rgb, { raw: { width, height: this.cropHeight, channels: 3 } }).greyscale().normalise().png().toBuffer();
    const { data } = await this.worker.recognize(png);
    return plateReading(data.text.trim(), data.confidence / 100, 'tesseract', this.formats);
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
