import { apiError } from './api';

/** The file name a Content-Disposition gives (its UTF-8 form when there is one). */
function filenameOf(disposition: string | null, fallback: string): string {
  const exact = disposition && /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (exact) return decodeURIComponent(exact[1]);
  const plain = disposition && /filename="([^"]+)"/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

/** Fetches a file from the API and saves it under the name the server gives; an error answer throws as ApiError (apiError). */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const response = await fetch(`/api${path}`, { credentials: 'same-origin' });
  if (!response.ok) throw await apiError(response);
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = filenameOf(response.headers.get('content-disposition'), fallbackName);
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** The text of an API answer that is not JSON (the report's HTML preview). */
export async function fetchText(path: string): Promise<string> {
  const response = await fetch(`/api${path}`, { credentials: 'same-origin' });
  if (!response.ok) throw await apiError(response);
  return response.text();
}
