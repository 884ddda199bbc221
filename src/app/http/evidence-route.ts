// GET /evidence/<key>?expires=…&signature=… for the local evidence store: the bytes behind
// a signed URL the API handed out, after the store checked signature and expiry.
import type { Request, Response } from 'express';
import type { Logger } from '../logger.js';
import { EvidenceError } from '../../evidence/port.js';

interface SignedUrlReader {
  readSignedUrl(url: string): Promise<Buffer>;
}

export function evidenceRoute(store: SignedUrlReader, logger: Logger) {
  return async (req: Request, res: Response): Promise<void> => {
    const url = `${req.protocol}://${req.get('host')}${req.originalUrl}`;
    try {
      const bytes = await store.readSignedUrl(url);
      res.setHeader('cache-control', 'private, max-age=60');
      res.type('application/octet-stream').send(bytes);
    } catch (error) {
      if (error instanceof EvidenceError) {
        const status = error.code === 'EVIDENCE_NOT_FOUND' ? 404 : 403;
        res.status(status).json({ error: error.code });
        return;
      }
      logger.error({ err: error, correlationId: res.locals.correlationId }, 'evidence route failed');
      res.status(500).json({ error: 'INTERNAL_SERVER_ERROR' });
    }
  };
}
