// The data that flows between the ingest stages (frames -> detect -> track -> read), so
// each stage can be written and tested against these shapes alone.

/** One decoded frame, already scaled to the analysis width. */
export interface Frame {
  /** 0-based index among the frames this source delivered. */
  index: number;
  /** Exact presentation timestamp in seconds, as read from the stream (not index / fps). */
  pts: number;
  width: number;
  height: number;
  /** Packed RGB, width * height * 3 bytes. */
  rgb: Buffer;
}

/** Pixels of the frame it was found in, top-left origin. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type DetectionKind = 'plate' | 'vehicle';

export interface Detection {
  box: Box;
  /** 0..1 */
  score: number;
  kind: DetectionKind;
  /** What the detector says the object is (a vehicle class such as 'car'), when it says. */
  label?: string;
  /** The rotated quadrilateral of a text region, when the detector gives one. */
  polygon?: [number, number][];
}

export type PlateReaderName = 'ppocr' | 'tesseract';

export interface PlateReading {
  /** Normalized: upper case, only A-Z 0-9 and the format's separator. */
  text: string;
  /** What the reader produced before normalization. */
  raw: string;
  /** 0..1 */
  confidence: number;
  reader: PlateReaderName;
  /** Name of the plate format the text matches (e.g. 'PE', 'MERCOSUR'), or null. */
  format: string | null;
}

/** Status of a live source, reported as it changes (RTSP reconnects). */
export type FrameSourceStatus =
  | { state: 'connecting'; attempt: number }
  | { state: 'streaming' }
  | { state: 'reconnecting'; attempt: number; delayMs: number; reason: string }
  | { state: 'ended' }
  | { state: 'failed'; reason: string };

export interface FrameSourceInfo {
  /** Width and height the frames are delivered at. */
  width: number;
  height: number;
  /** Width and height of the source video. */
  sourceWidth: number;
  sourceHeight: number;
  /** Multiply a frame coordinate by this to get a source-video coordinate. */
  scaleToSource: number;
}

export interface FrameSource extends AsyncIterable<Frame> {
  readonly info: FrameSourceInfo;
  close(): Promise<void>;
}

export interface Detector {
  detect(frame: Frame): Promise<Detection[]>;
}

export interface PlateReader {
  read(frame: Frame, box: Box): Promise<PlateReading | null>;
}

export type IngestErrorCode =
  | 'CORRUPT_VIDEO'
  | 'SOURCE_NOT_FOUND'
  | 'SOURCE_UNREACHABLE'
  | 'FFMPEG_MISSING'
  | 'MODEL_MISSING'
  | 'MODEL_FAILED';

/** A failure of the ingest input or its models, with a stable code the CLI can report. */
export class IngestError extends Error {
  constructor(
    readonly code: IngestErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'IngestError';
  }
}
