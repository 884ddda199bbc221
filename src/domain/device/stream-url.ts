// Camera stream URLs often embed credentials (rtsp://user:pass@host/...); events keep the
// URL without them, and a reference to where the secret is kept instead.
import { domainError } from '../shared/errors.js';

export function splitStreamCredentials(streamUrl: string): { url: string; hadCredentials: boolean } {
  let parsed: URL;
  try {
    parsed = new URL(streamUrl);
  } catch {
    throw domainError('INVALID_STREAM_URL', 'streamUrl is not a URL', { field: 'streamUrl' });
  }
  const hadCredentials = parsed.username !== '' || parsed.password !== '';
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.toString(), hadCredentials };
}
