// Reads what the test Mailpit (scripts/services/mailpit.sh) received, through its HTTP API.
import { z } from 'zod';

export const MAILPIT_SMTP_URL = 'smtp://127.0.0.1:11025';
const API = 'http://127.0.0.1:18025/api/v1';

const SearchSchema = z.object({
  messages: z.array(z.object({ ID: z.string(), MessageID: z.string(), Subject: z.string(), To: z.array(z.object({ Address: z.string() })) })),
});

export interface ReceivedMessage {
  id: string;
  messageId: string;
  subject: string;
  to: string[];
}

/** Every received message whose subject contains `text` (a run's unique id keeps tests apart). */
export async function receivedWithSubject(text: string): Promise<ReceivedMessage[]> {
  const response = await fetch(`${API}/search?limit=5000&query=${encodeURIComponent(`subject:"${text}"`)}`);
  if (!response.ok) throw new Error(`Mailpit search answered ${response.status}`);
  const { messages } = SearchSchema.parse(await response.json());
  return messages
    .filter((message) => message.Subject.includes(text))
    .map((message) => ({ id: message.ID, messageId: message.MessageID, subject: message.Subject, to: message.To.map((to) => to.Address) }));
}

export async function messageText(id: string): Promise<string> {
  const response = await fetch(`${API}/message/${id}`);
  if (!response.ok) throw new Error(`Mailpit message ${id} answered ${response.status}`);
  return z.object({ Text: z.string() }).parse(await response.json()).Text;
}
