/** The value of a JSON text, or undefined when it is not JSON (a frame from the wire). */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
